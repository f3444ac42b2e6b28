import { describe, expect, it } from 'vitest';
import { cgroupDirOf, commandLine } from '../src/sandbox/docker/host-procs.js';

const ID = '6445fb28dafd483ff8eaded16523a092b6015c0df716646b823a673a60f885ad';

describe('a container process cgroup, from /proc/<pid>/cgroup', () => {
  it('cgroup v1 (cgroupfs driver): the pids controller', () => {
    const text = [
      `9:name=systemd:/docker/${ID}`,
      `8:pids:/docker/${ID}`,
      `4:memory:/docker/${ID}`,
      `1:cpu,cpuacct:/docker/${ID}`,
      `0::/docker/${ID}`,
      '',
    ].join('\n');
    expect(cgroupDirOf(text, ID)).toBe(`/sys/fs/cgroup/pids/docker/${ID}`);
  });

  it('cgroup v2: the unified hierarchy, cgroupfs or systemd driver', () => {
    expect(cgroupDirOf(`0::/docker/${ID}\n`, ID)).toBe(`/sys/fs/cgroup/docker/${ID}`);
    expect(cgroupDirOf(`0::/system.slice/docker-${ID}.scope\n`, ID)).toBe(
      `/sys/fs/cgroup/system.slice/docker-${ID}.scope`,
    );
  });

  it('nothing when the path does not name the container (another PID namespace, a reused PID)', () => {
    expect(cgroupDirOf('0::/user.slice/user-0.slice/session-1.scope\n', ID)).toBeUndefined();
    expect(cgroupDirOf('8:pids:/\n0::/\n', ID)).toBeUndefined();
    expect(cgroupDirOf('', ID)).toBeUndefined();
    expect(cgroupDirOf(`0::/docker/${ID}/../../etc\n`, ID)).toBeUndefined();
  });
});

describe('a command line as ps prints it', () => {
  it('joins the arguments with spaces; a zombie has none', () => {
    expect(commandLine(Buffer.from('/bin/sh\0-c\0node app.js\0'))).toBe('/bin/sh -c node app.js');
    expect(commandLine(Buffer.from('node\0app.js\0'))).toBe('node app.js');
    expect(commandLine(Buffer.alloc(0))).toBe('');
  });
});
