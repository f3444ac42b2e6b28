/** The text `baxbench prompt` prints: the system prompt, then the task prompt, clearly apart. */
export function formatPrompt(system: string, user: string): string {
  return `===== system prompt =====\n${system}\n===== prompt =====\n${user.replace(/^\n/, '')}${user.endsWith('\n') ? '' : '\n'}===== end of prompt =====\n`;
}
