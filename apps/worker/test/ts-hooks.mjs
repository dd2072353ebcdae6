// Module hooks that strip types from the workspace's own .ts files with the TypeScript compiler
// (decorators and their metadata included) and map the `.js` of relative imports to `.ts`.
// Output is cached by content under node_modules/.cache, so later child processes start fast.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const cacheDir = fileURLToPath(new URL('../node_modules/.cache/ts-hooks/', import.meta.url));
let ts;

const compilerOptions = () => ({
  module: ts.ModuleKind.ESNext,
  target: ts.ScriptTarget.ES2022,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  useDefineForClassFields: false,
  inlineSourceMap: true,
  isolatedModules: true,
});

export async function resolve(specifier, context, nextResolve) {
  if (context.parentURL?.endsWith('.ts') && specifier.startsWith('.') && specifier.endsWith('.js')) {
    const candidate = new URL(`${specifier.slice(0, -3)}.ts`, context.parentURL);
    if (existsSync(fileURLToPath(candidate))) return { url: candidate.href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

async function transpile(fileName, source) {
  const key = createHash('sha256').update('v1\0').update(fileName).update('\0').update(source).digest('hex');
  const cached = join(cacheDir, `${key}.js`);
  try {
    return await readFile(cached, 'utf8');
  } catch {
    // Not cached yet.
  }
  ts ??= require('typescript');
  const { outputText } = ts.transpileModule(source, { fileName, compilerOptions: compilerOptions() });
  mkdirSync(cacheDir, { recursive: true });
  const temporary = `${cached}.${process.pid}.tmp`;
  await writeFile(temporary, outputText);
  await rename(temporary, cached);
  return outputText;
}

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && url.endsWith('.ts') && !url.includes('/node_modules/')) {
    const fileName = fileURLToPath(url);
    const source = await readFile(fileName, 'utf8');
    return { format: 'module', source: await transpile(fileName, source), shortCircuit: true };
  }
  return nextLoad(url, context);
}
