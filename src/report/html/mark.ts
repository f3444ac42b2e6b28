/** The mark in index.html that tells an earlier report (which may be replaced) from other files. */
export const REPORT_MARK = 'baxbench-report';
