// The merged 4×6 label PDF of a batch or one label: the print route with what=labels (its default), kept at this
// URL for links already printed or bookmarked.
export { loader } from "./app.labels.print";
