/**
 * Readers of the CI formats as their consumers read them: the SARIF 2.1.0 schema (ajv), and the
 * workflow commands as GitHub's runner parses and unescapes them.
 */
import * as fs from 'fs';
import { createRequire } from 'module';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const packages = createRequire(__filename);

/** The SARIF 2.1.0 schema Microsoft's SARIF SDK ships (its final draft, rtm.5), with ajv's draft-04 validator. */
export function sarifValidator() {
  const schema = JSON.parse(
    fs.readFileSync(packages.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
  );
  // The schema's pattern for a language tag has a stray `]`, an error under the `u` flag only: ECMA-262 reads it as a
  // literal.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

/** A property's value as the runner unescapes it. */
export function unescapeProperty(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

/** A message as the runner unescapes it (`:` and `,` stay as they are there). */
export function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

/** One line of workflow command, or null where the runner would not read one. */
export function parseWorkflowCommand(line: string): WorkflowCommand | null {
  const match = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/s.exec(line);
  if (!match) return null;
  const properties = Object.fromEntries(
    (match[2] ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), unescapeProperty(pair.slice(pair.indexOf('=') + 1))]),
  );
  return { command: match[1], properties, message: unescapeData(match[3]) };
}
