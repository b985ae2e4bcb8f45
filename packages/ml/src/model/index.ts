export * from "./regressor.js";
