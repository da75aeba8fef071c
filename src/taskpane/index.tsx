// Task-pane entry: once Office is ready, loads the planner UI as a separate chunk and renders it in the Office theme.
import { isDarkOfficeTheme } from "./theme";

const SIDELOAD_HINT = "Open this page from Excel: sideload manifest.xml (npm start explains how).";

async function renderPlanner(container: HTMLElement): Promise<void> {
  // Loaded on demand: the shared runtime also runs this page for the custom functions, which
  // register from their own small bundle without waiting for React and Fluent UI.
  const [{ createRoot }, { App, FluentProvider, WorkerPlanner, webDarkTheme, webLightTheme }, { OfficeWorkbookHost }] = await Promise.all([
    import("react-dom/client"),
    import("./ui"),
    import("../excel/officeHost"),
  ]);
  const theme = isDarkOfficeTheme(Office.context.officeTheme) ? webDarkTheme : webLightTheme;
  createRoot(container).render(
    <FluentProvider theme={theme}>
      <App host={new OfficeWorkbookHost()} planner={new WorkerPlanner()} />
    </FluentProvider>,
  );
}

Office.onReady((info) => {
  const container = document.getElementById("container");
  if (!container) return;
  if (info.host !== Office.HostType.Excel) {
    container.textContent = SIDELOAD_HINT;
    return;
  }
  renderPlanner(container).catch((error: unknown) => {
    container.textContent = `The planner could not start: ${error instanceof Error ? error.message : String(error)}`;
  });
});
