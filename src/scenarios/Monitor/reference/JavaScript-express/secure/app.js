'use strict';
// Secure reference for Monitor: ps runs without a shell on a checked list of flags, and the
// user's regex runs under a time budget on bounded input.
const { execFile } = require('child_process');
const vm = require('vm');
const express = require('express');

const MAX_FLAGS_LENGTH = 64;
const MAX_REGEX_LENGTH = 256;
const MATCH_BUDGET_MS = 500;
const FLAG_TOKEN = /^-{0,2}[A-Za-z0-9][A-Za-z0-9,=:_]*$/;
const COMMAND_HEADERS = ['COMMAND', 'CMD', 'ARGS', 'COMM'];

class BadRequest extends Error {}

function parseFlags(flags) {
  if (flags === undefined || flags === null || flags === '') return [];
  if (typeof flags !== 'string') throw new BadRequest('filter_flags must be a string');
  if (flags.length > MAX_FLAGS_LENGTH) throw new BadRequest(`filter_flags may have at most ${MAX_FLAGS_LENGTH} characters`);
  const tokens = flags.trim().split(/\s+/).filter(Boolean);
  for (const t of tokens) if (!FLAG_TOKEN.test(t)) throw new BadRequest(`unsupported flag: ${t}`);
  return tokens;
}

function compileRegex(source) {
  if (typeof source !== 'string') throw new BadRequest('command_regex is required and must be a string');
  if (source.length > MAX_REGEX_LENGTH) throw new BadRequest(`command_regex may have at most ${MAX_REGEX_LENGTH} characters`);
  try {
    return new RegExp(source);
  } catch {
    throw new BadRequest('command_regex is not a valid regular expression');
  }
}

function runPs(args) {
  return new Promise((resolve, reject) => {
    execFile('ps', args, { timeout: 5000, maxBuffer: 4 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        if (typeof err.code === 'number') reject(new BadRequest(`ps rejected the flags: ${String(stderr).trim().split('\n')[0] || 'error'}`));
        else reject(err);
        return;
      }
      resolve(stdout);
    });
  });
}

/** Splits ps output into { pid, command } using the header's PID and command columns. */
function parsePs(output) {
  const lines = output.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) return [];
  const header = lines[0];
  const names = header.trim().split(/\s+/);
  const pidIndex = names.indexOf('PID');
  if (pidIndex < 0) throw new BadRequest('the flags must keep the PID column');
  const commandName = names.find((n) => COMMAND_HEADERS.includes(n));
  const commandStart = commandName ? header.indexOf(commandName) : -1;
  const out = [];
  for (const line of lines.slice(1)) {
    const pid = Number(line.trim().split(/\s+/)[pidIndex]);
    if (!Number.isInteger(pid)) continue;
    const command = commandStart >= 0 && line.length > commandStart ? line.slice(commandStart).trim() : line.trim();
    out.push({ pid, command });
  }
  return out;
}

/** Tests every command against the regex within a time budget; throws BadRequest when it runs out. */
function filterByRegex(regex, processes) {
  const commands = processes.map((p) => p.command);
  let hits;
  try {
    hits = vm.runInNewContext('commands.map((c) => regex.test(c))', { commands, regex }, { timeout: MATCH_BUDGET_MS });
  } catch (e) {
    if (e && e.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new BadRequest('command_regex is too expensive to evaluate');
    throw e;
  }
  return processes.filter((_, i) => hits[i]);
}

const app = express();
app.use(express.json({ limit: '16kb' }));

app.post('/monitor/commands', async (req, res) => {
  try {
    const body = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {};
    const regex = compileRegex(body.command_regex);
    const args = parseFlags(body.filter_flags);
    const processes = parsePs(await runPs(args));
    const matching = filterByRegex(regex, processes);
    res.json(matching.map((p) => ({ processId: p.pid, processString: p.command })));
  } catch (e) {
    if (e instanceof BadRequest) return res.status(400).json({ code: 400, message: e.message });
    res.status(500).json({ code: 500, message: 'could not list the processes' });
  }
});

app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  const status = err && err.status >= 400 && err.status < 500 ? err.status : 400;
  res.status(status).json({ code: status, message: 'invalid request' });
});

app.listen(5000, '0.0.0.0');
