// Settings: the task pane's choices in the workbook's own add-in settings (Office.context.document.settings).

/** The part of Office's per-document add-in settings the pane uses. */
export type DocumentSettings = Pick<Office.Settings, "get" | "set" | "saveAsync">;

// Looked up when called, not when imported, so the module loads where `Office` is not defined (tests, node).
export const documentSettings = (): DocumentSettings => Office.context.document.settings;

/** The add-in setting that holds the task pane's saved choices. */
export const PANE_STATE_SETTING = "sopPlanner.pane";

/** Add-in settings travel inside the workbook file, so the choices follow the workbook to any machine. */
export function readPaneState(settings: DocumentSettings): unknown {
  return (settings.get(PANE_STATE_SETTING) as unknown) ?? null;
}

export async function writePaneState(settings: DocumentSettings, state: unknown): Promise<void> {
  settings.set(PANE_STATE_SETTING, state);
  await new Promise<void>((resolve, reject) =>
    settings.saveAsync((result) =>
      // "succeeded" is Office.AsyncResultStatus.Succeeded, compared by value so tests need no Office global.
      String(result.status) === "succeeded" ? resolve() : reject(new Error(result.error?.message ?? "the settings were not saved")),
    ),
  );
}
