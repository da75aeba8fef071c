// `npm start`: explains how to serve the add-in and sideload manifest.xml in Excel (nothing is launched or installed).
"use strict";

const { config = {} } = require("../package.json");
const port = process.env.npm_package_config_dev_server_port || config.dev_server_port || 3000;
const url = `https://localhost:${port}/`;

const text = `
S&OP Planner: run it in Excel

1. Serve the add-in (keep this running):
     npm run dev-server
   It serves ${url} (taskpane.html, functions.js, functions.json, assets/).
   HTTPS certificate: if office-addin-dev-certs is installed and its certificates exist
   (npx office-addin-dev-certs install, which needs admin rights once), Office trusts them.
   Otherwise the server uses a self-signed certificate: open ${url}taskpane.html
   in the browser Excel uses and accept the certificate before loading the add-in.

2. Sideload manifest.xml (it points at ${url}):

   Excel on the web
     Open a workbook > Home > Add-ins > More Add-ins (or Insert > Add-ins)
     > Upload My Add-in > choose manifest.xml > Upload.

   Excel on Windows
     Put manifest.xml in a shared network folder, add that folder under
     File > Options > Trust Center > Trust Center Settings > Trusted Add-in Catalogs
     (tick "Show in Menu"), restart Excel, then Home > Add-ins > More Add-ins
     > SHARED FOLDER > S&OP Planner > Add.

   Excel on Mac
     Copy manifest.xml to
       ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/
     (create the wef folder if needed), restart Excel, then Home > Add-ins
     > My Add-ins > S&OP Planner.

3. Use it: Home > S&OP Planner opens the task pane. Custom functions are in the
   SOP namespace, e.g. =SOP.UTILIZATION(B2:M4, B6:M8).

Other scripts:
  npm run build            production build in dist/ (manifest rewritten to the production URL)
  npm run build:dev        development build in dist/
  npm run watch            development build, rebuilt on change
  npm run manifest:check   offline checks of manifest.xml and the functions metadata
  npm run validate         Microsoft's manifest validation (needs the internet)
`;

console.log(text);
