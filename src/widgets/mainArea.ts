import { JupyterFrontEnd } from '@jupyterlab/application';

/**
 * Activates the main-area widget with the given id. Returns false when no such widget is open,
 * so the caller creates it.
 */
export function activateOpenWidget(shell: JupyterFrontEnd.IShell, id: string): boolean {
  const open = Array.from(shell.widgets('main')).some(widget => widget.id === id);
  if (open) {
    shell.activateById(id);
  }
  return open;
}
