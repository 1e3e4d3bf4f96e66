/**
 * `npm run lint`: ESLint and Prettier's check side by side, about 20 s each here, so the two take the time of one.
 * Fails when either fails; each prints as it goes.
 */
import { spawn } from 'node:child_process';

const run = (command, args) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', (error) => {
      console.error(`${command}: ${error.message}`);
      resolve(1);
    });
    child.on('close', (code) => resolve(code ?? 1));
  });

const codes = await Promise.all([run('eslint', ['.']), run('prettier', ['--check', '.'])]);
process.exitCode = codes.every((code) => code === 0) ? 0 : 1;
