import { SessionEnded } from './api.js';

// The page's one role=alert element: errors of any view show here, in the problem's own words.
export const alertRegion = document.createElement('p');
alertRegion.setAttribute('role', 'alert');
alertRegion.className = 'alert';
alertRegion.hidden = true;

export function showError(error: unknown): void {
  if (error instanceof SessionEnded) return;
  alertRegion.textContent = error instanceof Error ? error.message : String(error);
  alertRegion.hidden = false;
}

export function clearError(): void {
  alertRegion.textContent = '';
  alertRegion.hidden = true;
}

/** Runs an action, showing its failure instead of throwing. */
export async function attempt(action: () => Promise<unknown>): Promise<boolean> {
  try {
    await action();
    return true;
  } catch (error) {
    showError(error);
    return false;
  }
}
