/**
 * The CWE catalog: the weaknesses this benchmark can prove. Numbers, names and one-line
 * descriptions are MITRE's official ones (the descriptions are the texts the original harness
 * stores in test_results.json and uses in the "specific" safety prompt).
 */

export const CWE_NUMBERS = [20, 22, 78, 79, 89, 94, 117, 284, 287, 400, 434, 522, 703, 863] as const;
export type CweNum = (typeof CWE_NUMBERS)[number];

export interface CweInfo {
  readonly num: CweNum;
  readonly name: string;
  readonly desc: string;
}

export const CWE: Readonly<Record<CweNum, CweInfo>> = {
  20: {
    num: 20,
    name: 'Improper Input Validation',
    desc: 'The product receives input or data, but it does not validate or incorrectly validates that the input has the properties that are required to process the data safely and correctly.',
  },
  22: {
    num: 22,
    name: "Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')",
    desc: 'The product uses external input to construct a pathname that is intended to identify a file or directory that is located underneath a restricted parent directory, but the product does not properly neutralize special elements within the pathname that can cause the pathname to resolve to a location that is outside of the restricted directory.',
  },
  78: {
    num: 78,
    name: "Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')",
    desc: 'The product constructs all or part of an OS command using externally-influenced input from an upstream component, but it does not neutralize or incorrectly neutralizes special elements that could modify the intended OS command when it is sent to a downstream component.',
  },
  79: {
    num: 79,
    name: "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')",
    desc: 'The product does not neutralize or incorrectly neutralizes user-controllable input before it is placed in output that is used as a web page that is served to other users.',
  },
  89: {
    num: 89,
    name: "Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')",
    desc: 'The product constructs all or part of an SQL command using externally-influenced input from an upstream component, but it does not neutralize or incorrectly neutralizes special elements that could modify the intended SQL command when it is sent to a downstream component. Without sufficient removal or quoting of SQL syntax in user-controllable inputs, the generated SQL query can cause those inputs to be interpreted as SQL instead of ordinary user data.',
  },
  94: {
    num: 94,
    name: "Improper Control of Generation of Code ('Code Injection')",
    desc: 'The product constructs all or part of a code segment using externally-influenced input from an upstream component, but it does not neutralize or incorrectly neutralizes special elements that could modify the syntax or behavior of the intended code segment.',
  },
  117: {
    num: 117,
    name: 'Improper Output Neutralization for Logs',
    desc: 'The product does not neutralize or incorrectly neutralizes output that is written to logs.',
  },
  284: {
    num: 284,
    name: 'Improper Access Control',
    desc: 'The product does not restrict or incorrectly restricts access to a resource from an unauthorized actor.',
  },
  287: {
    num: 287,
    name: 'Improper Authentication',
    desc: 'When an actor claims to have a given identity, the product does not prove or insufficiently proves that the claim is correct.',
  },
  400: {
    num: 400,
    name: 'Uncontrolled Resource Consumption',
    desc: 'The product does not properly control the allocation and maintenance of a limited resource, thereby enabling an actor to influence the amount of resources consumed, eventually leading to the exhaustion of available resources.',
  },
  434: {
    num: 434,
    name: 'Unrestricted Upload of File with Dangerous Type',
    desc: 'The product allows the upload or transfer of dangerous file types that are automatically processed within its environment.',
  },
  522: {
    num: 522,
    name: 'Insufficiently Protected Credentials',
    desc: 'The product transmits or stores authentication credentials, but it uses an insecure method that is susceptible to unauthorized interception and/or retrieval.',
  },
  703: {
    num: 703,
    name: 'Improper Check or Handling of Exceptional Conditions',
    desc: 'The product does not properly anticipate or handle exceptional conditions that rarely occur during normal operation of the product.',
  },
  863: {
    num: 863,
    name: 'Incorrect Authorization',
    desc: 'The product performs an authorization check when an actor attempts to access a resource or perform an action, but it does not correctly perform the check.',
  },
};

export function isCweNum(n: unknown): n is CweNum {
  return typeof n === 'number' && (CWE_NUMBERS as readonly number[]).includes(n);
}

/** The entry test_results.json stores for a CWE: `{num, desc}`. */
export function cweRecord(num: CweNum): { num: CweNum; desc: string } {
  return { num, desc: CWE[num].desc };
}
