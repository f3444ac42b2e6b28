/**
 * A container's processes read from the host's /proc, without the engine: what `docker top` gives
 * (the engine lists the container's cgroup and runs `ps -ef` on the host, ~20 ms of CPU per call,
 * more on a loaded machine), for a few small file reads. Only possible when the harness runs on the
 * engine's host, in its PID namespace, with its cgroup tree mounted; anything else (a remote engine,
 * a harness in a container, an unknown cgroup layout, a file that cannot be read) answers
 * `undefined`, and the caller asks the engine instead.
 */
import { readFile } from 'node:fs/promises';

const CGROUP_ROOT = '/sys/fs/cgroup';

/**
 * The folder of the cgroup that holds a process, from its /proc/<pid>/cgroup text: the unified
 * hierarchy's (`0::/path`, cgroup v2) or else the `pids` controller's (cgroup v1, mounted at
 * /sys/fs/cgroup/pids, possibly joined with others as in `cpu,cpuacct`). Undefined when the path does
 * not name the container (another PID namespace, a reused PID, a layout this does not know).
 */
export function cgroupDirOf(procCgroup: string, containerId: string, root = CGROUP_ROOT): string | undefined {
  const lines = procCgroup.split('\n').filter(Boolean);
  let dir: string | undefined;
  for (const line of lines) {
    const first = line.indexOf(':');
    const second = line.indexOf(':', first + 1);
    if (first < 0 || second < 0) continue;
    const controllers = line.slice(first + 1, second);
    const p = line.slice(second + 1);
    if (controllers === '' && line.startsWith('0:')) dir = `${root}${p}`;
    else if (controllers.split(',').includes('pids')) {
      dir = `${root}/${controllers}${p}`;
      break;
    }
  }
  if (!dir?.includes(containerId) || dir.includes('..')) return undefined;
  return dir;
}

/** A process's command line as `ps -ef` prints it: the arguments joined by spaces ('' for a zombie). */
export function commandLine(raw: Buffer): string {
  return raw.toString('utf8').replace(/\0+$/, '').split('\0').join(' ');
}

/**
 * The command lines of every process in the container whose first process has host PID `pid`;
 * undefined when they cannot be read from here (see the head of this file) or the container is gone.
 */
export async function containerCommandLines(containerId: string, pid: number): Promise<string[] | undefined> {
  if (!Number.isInteger(pid) || pid <= 0 || !/^[0-9a-f]{12,64}$/.test(containerId)) return undefined;
  try {
    const dir = cgroupDirOf(await readFile(`/proc/${pid}/cgroup`, 'utf8'), containerId);
    if (!dir) return undefined;
    const pids = (await readFile(`${dir}/cgroup.procs`, 'utf8')).split('\n').filter(Boolean);
    const lines: string[] = [];
    for (const p of pids) {
      // A process that ended between the two reads is simply not there any more.
      const raw = await readFile(`/proc/${p}/cmdline`).catch(() => undefined);
      if (raw !== undefined) lines.push(commandLine(raw));
    }
    return lines;
  } catch {
    return undefined;
  }
}
