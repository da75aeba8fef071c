// Builds the add-in (task pane, ribbon commands, custom functions) and its manifest for dev or production.
const fs = require("fs");
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const webpack = require("webpack");

const urlDev = "https://localhost:3000/";
/** Where the production build is served from: `SOP_PLANNER_URL=https://your.host/path/ npm run build`. */
const urlProd = withSlash(process.env.SOP_PLANNER_URL || "https://sop-planner.example.com/");

function withSlash(url) {
  return url.endsWith("/") ? url : `${url}/`;
}

/**
 * Production builds point every URL the add-in hands to Office at the deployment: the manifest's
 * (copied below) and the custom functions' help links in functions.json, generated from the JSDoc.
 */
class ProductionUrlsPlugin {
  constructor(from, to, assets) {
    this.from = from;
    this.to = to;
    this.assets = assets;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap("ProductionUrlsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "ProductionUrlsPlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        (assets) => {
          for (const name of this.assets) {
            if (!assets[name]) continue;
            const text = assets[name].source().toString();
            compilation.updateAsset(name, new webpack.sources.RawSource(text.replaceAll(this.from, this.to)));
          }
        },
      );
    });
  }
}

/**
 * The pages' Content Security Policy: only what the add-in uses. Office.js from Microsoft's CDN
 * (add-ins must load it from there), the bundles, their worker and the solver's WebAssembly from
 * the add-in's own origin, and inline styles, which Fluent UI (Griffel) inserts as it renders.
 * No inline script, no eval, no connection but to the origin itself (the dev server adds its
 * live-reload socket).
 */
function contentSecurityPolicy(dev) {
  const office = "https://appsforoffice.microsoft.com";
  return [
    "default-src 'self'",
    `script-src 'self' ${office} 'wasm-unsafe-eval'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " wss://localhost:* ws://localhost:*" : ""}`,
    "worker-src 'self'",
    // Office.js frames its own telemetry service (the browser tests saw it): Office's, not the add-in's.
    `frame-src 'self' ${office} https://telemetryservice.firstpartyapps.oaspapps.com`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");
}

/** Budget for the JavaScript a task-pane entry loads before anything else (the UI itself loads on demand). */
const INITIAL_JS_BUDGET_BYTES = 64 * 1024;

/**
 * HTTPS options for the dev server: office-addin-dev-certs' certificates when that package is
 * installed and its certificates exist (Office trusts them), else webpack-dev-server's own
 * self-signed certificate (accept it once in the browser). Never installs a CA: that needs sudo.
 */
async function devServerHttps() {
  try {
    const devCerts = await import("office-addin-dev-certs");
    const defaults = devCerts.defaults || (devCerts.default && devCerts.default.defaults);
    const files = defaults && [defaults.caCertificatePath, defaults.localhostKeyPath, defaults.localhostCertificatePath];
    if (files && files.every((file) => typeof file === "string" && fs.existsSync(file))) {
      const [ca, key, cert] = files.map((file) => fs.readFileSync(file));
      return { type: "https", options: { ca, key, cert } };
    }
    console.warn("office-addin-dev-certs has no certificates yet; using a self-signed certificate.");
  } catch {
    // Not installed (or not importable): the self-signed fallback below.
  }
  return "https";
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  const serving = Boolean(env && env.WEBPACK_SERVE);
  // `--env e2e`: the same build plus a test-only page whose pane runs on an in-memory workbook,
  // written to test-output/ so it can never ship in dist/.
  const e2e = Boolean(env && env.e2e);
  // Written first in each page's <head> (the templates read it), so it covers office.js's own load too.
  const csp = contentSecurityPolicy(dev || serving);
  const config = {
    devtool: "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      functions: "./src/functions/functions.ts",
      ...(e2e ? { e2e: "./test/e2e/harness/index.tsx" } : {}),
    },
    output: {
      path: e2e ? path.resolve(__dirname, "test-output", "e2e-dist") : path.resolve(__dirname, "dist"),
      // The manifest names functions.js; entries keep stable names, lazy chunks get content hashes.
      filename: "[name].js",
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // Type checking is `npm run typecheck`; ES modules in tsconfig.json let webpack tree-shake.
            options: { transpileOnly: true, configFile: path.resolve(__dirname, "tsconfig.json") },
          },
        },
        {
          test: /\.(png|jpg|jpeg|gif|ico)$/,
          type: "asset/resource",
          generator: { filename: "assets/[name][ext][query]" },
        },
      ],
    },
    optimization: {
      // Entries stay whole (Excel loads functions.js by name); only the lazily loaded UI is split,
      // so React, Fluent UI and the planner are cached apart from each other.
      splitChunks: {
        chunks: "async",
        cacheGroups: {
          react: { test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, name: "react", priority: 20 },
          fluent: { test: /[\\/]node_modules[\\/]@(fluentui|griffel|floating-ui|swc)[\\/]/, name: "fluent", priority: 10 },
        },
      },
    },
    performance: {
      hints: dev ? false : "warning",
      maxEntrypointSize: INITIAL_JS_BUDGET_BYTES,
      maxAssetSize: 1024 * 1024,
      assetFilter: (file) => file.endsWith(".js"),
    },
    plugins: [
      // highs' ES module imports node:module only when it runs in Node; no browser bundle takes that branch.
      new webpack.IgnorePlugin({ resourceRegExp: /^node:/ }),
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: "./src/functions/functions.ts",
      }),
      ...(dev ? [] : [new ProductionUrlsPlugin(urlDev, urlProd, ["functions.json"])]),
      // One page for the shared runtime: the task pane, the ribbon's FunctionFile and the custom functions.
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "commands", "taskpane"],
        chunksSortMode: "manual",
        csp,
      }),
      ...(e2e
        ? [new HtmlWebpackPlugin({ filename: "e2e.html", template: "./src/taskpane/taskpane.html", chunks: ["e2e"], csp })]
        : []),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
        csp,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext][query]" },
          // The help page every help link points at, served beside the task pane (same origin, no script).
          { from: "src/help/help.html", to: "help.html" },
          { from: "src/help/help.css", to: "help.css" },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              return dev ? content : content.toString().replaceAll(urlDev, urlProd);
            },
          },
        ],
      }),
    ],
    devServer: {
      headers: { "Access-Control-Allow-Origin": "*" },
      server: serving ? await devServerHttps() : "https",
      // Everything is built in memory (pages, bundles, functions.json, assets, manifest); no public/ folder.
      static: false,
      port: Number(process.env.npm_package_config_dev_server_port) || 3000,
    },
  };
  return config;
};
