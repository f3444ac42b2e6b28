/** Small file-system helpers shared by the layers above. */
import { promises as fs } from 'node:fs';

/** Whether something (file, folder, link target) exists at `p`; any error reads as "no". */
export async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}
