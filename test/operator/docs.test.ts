/**
 * What an operator reads and deploys from: README and docs link only to files
 * in the repository, the systemd unit parses, the Dockerfile builds with the
 * npm commands CI runs and keeps the database on a volume.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchors(markdown: string): Set<string> {
  return new Set(
    [...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
      m[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-'),
    ),
  );
}

describe('documentation links', () => {
  const pages = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

  it.each(pages)('%s links only to files (and headings) in the repository', (page) => {
    const text = read(page);
    const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/i.test(l));
    for (const link of links) {
      const [file, anchor] = link.split('#') as [string, string | undefined];
      const target = file ? path.join(path.dirname(path.join(ROOT, page)), file) : path.join(ROOT, page);
      expect(fs.existsSync(target), `${page} links to ${link}, which is not in the repository`).toBe(true);
      if (anchor && target.endsWith('.md')) {
        expect(anchors(fs.readFileSync(target, 'utf8')), `${page} links to #${anchor} in ${file || page}`).toContain(anchor);
      }
    }
  });

  it('the README promises troubleshooting for Slack and Discord, and both guides have it', () => {
    const readme = read('README.md');
    expect(readme).toContain('docs/connect-slack.md#troubleshooting');
    expect(readme).toContain('docs/connect-discord.md#troubleshooting');
  });

  it('Discord permissions are listed in one place (the guide), the README points there', () => {
    const mentions = (text: string) => (text.match(/Embed Links/g) ?? []).length;
    expect(mentions(read('README.md'))).toBe(0);
    expect(read('README.md')).toContain('docs/connect-discord.md#3-invite-the-bot-to-your-server');
  });
});

describe('systemd unit', () => {
  const unit = path.join(ROOT, 'deploy/briefing-bot.service');
  const hasSystemdAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;

  it.skipIf(!hasSystemdAnalyze)('deploy/briefing-bot.service passes systemd-analyze verify (and a broken copy does not)', () => {
    const ok = spawnSync('systemd-analyze', ['verify', unit], { encoding: 'utf8' });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unit-'));
    const broken = path.join(dir, 'briefing-bot.service');
    fs.writeFileSync(broken, read('deploy/briefing-bot.service').replace(/^ExecStart=\/usr\/bin\/env node/m, 'ExecStart=/nonexistent/node'));
    const bad = spawnSync('systemd-analyze', ['verify', broken], { encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
    fs.rmSync(dir, { recursive: true });
  });
  if (!hasSystemdAnalyze) it('systemd-analyze is not installed here: unit file not verified', () => undefined);

  it('runs serve from the build, keeps the database in its state directory, does not restart on a configuration error', () => {
    const text = read('deploy/briefing-bot.service');
    expect(text).toMatch(/^ExecStart=.* dist\/src\/cli\/main\.js serve$/m);
    expect(text).toMatch(/^StateDirectory=briefing-bot$/m);
    expect(text).toMatch(/^Environment=BRIEFING_DB=\/var\/lib\/briefing-bot\//m);
    expect(text).toMatch(/^RestartPreventExitStatus=2$/m);
    expect(text).toMatch(/^DynamicUser=yes$/m);
  });
});

describe('Dockerfile', () => {
  const docker = read('Dockerfile');
  const npmCommands = (text: string) => [...text.matchAll(/\bnpm [a-z][^\n&\\]*/g)].map((m) => m[0].trim());

  it('its build runs the npm commands CI runs, and no others but the prune for the runtime copy', () => {
    const ci = npmCommands(read('.ci/run'));
    expect(ci).toEqual(['npm ci', 'npm test']);
    const runs = [...docker.matchAll(/^RUN (.+)$/gm)].flatMap((m) => npmCommands(m[1]!));
    expect(runs).toEqual(['npm ci', 'npm test', 'npm prune --omit=dev']);
  });

  it('is multi-stage, runs as a non-root user, keeps the database on a volume and checks /health', () => {
    expect(docker.match(/^FROM /gm)!.length).toBeGreaterThanOrEqual(2);
    const runtime = docker.slice(docker.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^USER node$/m);
    const db = /BRIEFING_DB=(\S+)/.exec(runtime)![1]!;
    const volume = /^VOLUME \["([^"]+)"\]$/m.exec(runtime)![1]!;
    expect(path.posix.dirname(db)).toBe(volume);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n?.*\/health/m);
    expect(runtime).toMatch(/^CMD \["node", "--max-semi-space-size=4", "dist\/src\/cli\/main\.js", "serve"\]$/m);
  });
});
