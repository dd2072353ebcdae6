#!/usr/bin/env node
// `pnpm secrets`: looks through every file git tracks (or the folder given) for secrets that must
// never be committed: private keys, cloud and registry access tokens, signed tokens, passwords in
// connection URLs, and long random values given to a variable named like a secret. Development
// placeholders the platform refuses in production (packages/config) and test values made at run
// time are not secrets. Prints each finding as path:line and exits 1 when there is one.
//
//   node infra/scripts/secret-scan.mjs            the repository (git ls-files)
//   node infra/scripts/secret-scan.mjs DIR        every file below DIR
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What a secret looks like, each with the reason printed beside a finding. */
export const RULES = [
  {
    name: 'private key',
    pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----/,
  },
  { name: 'AWS access key', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: 'GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/ },
  { name: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { name: 'Slack token', pattern: /\bxox[abpr]-[A-Za-z0-9-]{10,}\b/ },
  { name: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  {
    name: 'signed token (JWT)',
    pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}/,
  },
  {
    name: 'password in a connection URL',
    // scheme://user:password@host, where the password is written out (not ${VAR}, not a placeholder).
    pattern:
      /\b(?:mysql|mariadb|redis|rediss|postgres|postgresql|amqp|mongodb(?:\+srv)?):\/\/[^\s:@/'"`]*:([^\s@/'"`${}]{6,})@/,
    allow: (match) => isPlaceholder(match[1]),
  },
  {
    name: 'secret-named variable with a random value',
    pattern:
      /\b[A-Z0-9_]*(?:SECRET|PASSWORD|TOKEN|API_KEY|PRIVATE_KEY|ENCRYPTION_KEY)[A-Z0-9_]*\s*[:=]\s*['"]?([A-Za-z0-9+/_=-]{24,})['"]?/,
    allow: (match) => isPlaceholder(match[1]) || !looksRandom(match[1]),
  },
];

/**
 * Values that say they are to be replaced, or are made for tests: the same markers production
 * refuses to start with (packages/config), so such a value can never be a live secret.
 */
export function isPlaceholder(value) {
  return /change-?me|^dev-|-dev-|test|example|placeholder|^<|^…|^\.\.\.|^password$|^pass$|^x{3,}|^\*+$/i.test(
    value,
  );
}

/** Files that are not source and cannot hold a hand-written secret. */
const SKIPPED =
  /(?:^|\/)(?:pnpm-lock\.yaml|node_modules\/|dist\/|\.data\/)|\.(?:png|jpe?g|gif|ico|woff2?|ttf|xlsx|docx|pdf|zip|gz)$/;

/** Mixed letters and digits, long and varied: a generated value rather than a word or a name. */
export function looksRandom(value) {
  if (value.length < 24) return false;
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((kind) => kind.test(value)).length;
  if (kinds < 2) return false;
  const counts = new Map();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const n of counts.values()) entropy -= (n / value.length) * Math.log2(n / value.length);
  return entropy >= 3.5;
}

/** The findings in one file's text: [{ line, rule }]. */
export function scanText(text) {
  const findings = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.length > 5000) return;
    for (const rule of RULES) {
      const match = rule.pattern.exec(line);
      if (match && !(rule.allow && rule.allow(match))) findings.push({ line: index + 1, rule: rule.name });
    }
  });
  return findings;
}

function filesBelow(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '.git') out.push(...filesBelow(path));
    } else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** Scans the repository's tracked files, or every file below `dir`; answers the findings. */
export function scan(dir) {
  const base = dir ?? ROOT;
  const files = dir
    ? filesBelow(dir)
    : execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
        .split('\0')
        .filter(Boolean)
        .map((file) => join(ROOT, file));
  const findings = [];
  for (const file of files) {
    const name = relative(base, file);
    if (SKIPPED.test(name)) continue;
    let text;
    try {
      if (statSync(file).size > 2_000_000) continue;
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // deleted in the work tree, or unreadable
    }
    if (text.includes('\0')) continue;
    for (const finding of scanText(text)) findings.push({ file: name, ...finding });
  }
  return { files: files.length, findings };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { files, findings } = scan(process.argv[2]);
  for (const f of findings) console.log(`${f.file}:${f.line}  ${f.rule}`);
  console.log(
    findings.length
      ? `✗ ${findings.length} possible secrets in ${files} files`
      : `✓ no secrets in ${files} files`,
  );
  process.exit(findings.length ? 1 : 0);
}
