export { formatTable, clip, type TableColumn } from './format-table';
export { wrapText } from './wrap-text';
