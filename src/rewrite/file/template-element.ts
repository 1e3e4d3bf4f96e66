/**
 * The one shape a template's element is read into, whatever the template is written in
 * (TemplateElement: its attributes, events and what renders it), and what reading a template gives.
 */
import * as path from 'path';
import type * as t from '@babel/types';

/** An attribute as written: absent, a value the rewrite can read, or bound to data it cannot. */
export type AttributeValue =
  { kind: 'absent' } | { kind: 'static'; value: string | boolean } | { kind: 'bound'; text: string };

export type TemplateSyntax = 'wxml' | 'vue' | 'jsx';

/**
 * What renders an element other than once with its template: a list (`wx:for`, `v-for`, a
 * callback of `.map`), a condition (`wx:if`, `v-else`, `show && …`, an early return), or a
 * function or a WXML `<template>` that may render it any number of times.
 */
export interface Rendering {
  kind: 'repeated' | 'conditional' | 'function';
  /** As written: `wx:for`, `v-if`, `show && …`, `words.map(…)`, `<template name="row">`. */
  by: string;
  /** Where it is: `index.wxml:3`. */
  where: string;
}

export interface TemplateElement {
  /** The tag as written (`audio`, `Audio`, `video`). */
  tag: string;
  /** An `<audio>`: WXML's and Vue's `audio`, or Taro's `<Audio>` from @tarojs/components. */
  isAudio: boolean;
  syntax: TemplateSyntax;
  /** The template's path from the script's folder and the element's line: `index.wxml:12`. */
  where: string;
  attributes: Map<string, AttributeValue>;
  /** The attributes that call the page: `bindended`, `catch:play`, `onEnded`, `@ended`. */
  events: string[];
  /** Why the attributes cannot all be read (`{...props}`, `v-bind="attrs"`). */
  unreadable?: string;
  /** What renders it other than once, the nearest first; empty when it is rendered once with its template. */
  rendering: Rendering[];
  /** A `<canvas>`: WXML's and Vue's `canvas`, or Taro's `<Canvas>` from @tarojs/components. */
  isCanvas?: boolean;
  /**
   * Where attributes can be added to it: right after the tag's name, in `file` (a page's `.wxml`, a
   * `.vue` component), or in the script's own text (JSX) when `file` is undefined; there, `jsx` is its
   * opening tag in the script's tree, where the door that edits the tree adds them.
   */
  opening?: { file: string | undefined; offset: number; jsx?: t.JSXOpeningElement };
}

/** The id a `createCanvasContext` passes: a string, or the name of the data it reads (`this.data.name`). */
export type CanvasIdArgument = { value: string } | { data: string };

/** What the template says about an id: its one element, or why that cannot be told. */
export type ElementLookup = { element: TemplateElement } | { problem: string };

/** The template of one script, read once for all of its calls. */
export interface ScriptTemplate {
  lookup(id: string): ElementLookup;
  /** The `<canvas>` a `createCanvasContext` names by its canvas id (canvas-template.ts). */
  canvas(id: CanvasIdArgument): ElementLookup;
  /**
   * The files other than the script whose text (or absence) the lookups depend on: a page's
   * `.wxml` and what it includes, a component's `.vue`. A build declares them as the module's
   * dependencies, so a change to the template alone rewrites the script again.
   */
  files: readonly string[];
}

/**
 * WXML's event attributes (`bindtap`, `bind:tap`, `catch:tap`, `mut-bind:tap`, `capture-bind:tap`),
 * and `on…` (JSX's `onEnded`, Taro's `onended`), in any case: `bindEnded` counts. An attribute
 * taken for a handler only leaves a call for a person; a handler missed would be lost.
 */
export const WXML_EVENT = /^(?:capture-|mut-)?(?:bind|catch)(?::|[a-z])/i;
export const ON_EVENT = /^on/i;

/** A template's name in messages: its path from the script's folder (`index.wxml`, `../common/player.wxml`). */
export function templateLabel(scriptPath: string, file: string): string {
  return path.relative(path.dirname(scriptPath), file).split(path.sep).join('/');
}

/**
 * What was read of a template: its elements, what could not be read (a file that does not
 * parse: no element of it can be trusted) and the files it names that could not be reached
 * (they matter only when the id is not found elsewhere).
 */
export interface TemplateRead {
  elements: TemplateElement[];
  unreadable: string[];
  unreached: string[];
}
