// Stub: office-addin-manifest is ESM-only and unused by office-addin-mock in tests.
module.exports = { OfficeApp: {} };
