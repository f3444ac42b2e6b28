/** removeLeftovers: removes only containers of dead baxbench runs of this machine. */
import { execFileSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterAll, expect, it } from 'vitest';
import { LABEL, OWNER_LABEL, removeLeftovers } from '../../src/sandbox/docker/index.js';
import { describeDocker } from '../helpers/docker.js';

const IMAGE = 'node:22.12-bullseye';

function create(labels: Record<string, string>): string {
  const args = ['create'];
  for (const [k, v] of Object.entries(labels)) args.push('--label', `${k}=${v}`);
  return execFileSync('docker', [...args, IMAGE, 'sleep', '300'], { encoding: 'utf8' }).trim();
}

function exists(id: string): boolean {
  return (
    execFileSync('docker', ['ps', '-aq', '--no-trunc', '--filter', `id=${id}`], { encoding: 'utf8' }).trim() !== ''
  );
}

describeDocker('removeLeftovers', () => {
  const made: string[] = [];
  afterAll(() => {
    if (made.length) execFileSync('docker', ['rm', '-f', ...made], { stdio: 'ignore' });
  });

  it("removes a dead run's container, keeps live runs' and containers without an owner", () => {
    const dead = create({ [LABEL]: 'app', [OWNER_LABEL]: `${hostname()}:999999999:abcdef` });
    const live = create({ [LABEL]: 'app', [OWNER_LABEL]: `${hostname()}:1:abcdef` });
    const otherMachine = create({ [LABEL]: 'app', [OWNER_LABEL]: `some-other-host:12:abcdef` });
    const noOwner = create({ [LABEL]: 'image' }); // e.g. a user's own container from one of our images
    made.push(dead, live, otherMachine, noOwner);
    return removeLeftovers().then((n) => {
      expect(n).toBeGreaterThanOrEqual(1);
      expect(exists(dead)).toBe(false);
      expect(exists(live)).toBe(true);
      expect(exists(otherMachine)).toBe(true);
      expect(exists(noOwner)).toBe(true);
    });
  }, 60_000);
});
