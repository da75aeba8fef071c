// The task-pane UI as one lazily loaded unit: the App, the Fluent pieces the entry renders it with, and the worker planner.
// Static re-exports keep tree shaking working; `import("@fluentui/react-components")` would pull in all of Fluent.
export { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
export { App } from "./App";
export { WorkerPlanner } from "./run/workerPlanner";
