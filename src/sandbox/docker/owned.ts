/**
 * What one sandbox created and has not removed yet: containers, committed sample images, and
 * removals still running in the background. `removeAll` is the sandbox's cleanup.
 */
import { docker } from './engine.js';

export class OwnedResources {
  readonly containers = new Set<string>();
  readonly images = new Set<string>();
  private readonly removals = new Set<Promise<void>>();

  /** Removes a container in the background (kill + delete, ~150 ms); removeAll waits for it. */
  removeContainerLater(id: string): void {
    const removal = docker()
      .getContainer(id)
      .remove({ force: true })
      .catch(() => undefined)
      .then(() => {
        this.containers.delete(id);
        this.removals.delete(removal);
      });
    this.removals.add(removal);
  }

  /** Removes a container now. Never throws. */
  async removeContainer(id: string): Promise<void> {
    await docker()
      .getContainer(id)
      .remove({ force: true })
      .catch(() => undefined);
    this.containers.delete(id);
  }

  async removeAll(): Promise<void> {
    await Promise.all([...this.removals]);
    await Promise.all([...this.containers].map((id) => this.removeContainer(id)));
    this.containers.clear();
    await Promise.all(
      [...this.images].map((ref) =>
        docker()
          .getImage(ref)
          .remove({ force: true })
          .catch(() => undefined),
      ),
    );
    this.images.clear();
  }
}
