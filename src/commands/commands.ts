// Ribbon commands. The one button, "S&OP Planner", is a ShowTaskpane action that Office handles itself.

Office.onReady(() => {
  // Nothing to prepare: an ExecuteFunction button would register its handler here with
  // Office.actions.associate("<action id>", handler), and call event.completed() when done.
});
