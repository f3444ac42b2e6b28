import { PYTHON_BASE_PACKAGES, PYTHON_ENV, PYTHON_TOOLCHAIN, debianNames, pythonAfter } from './python-shared.js';
import { deb, type FrameworkVariant, type PackageMapping, withTag } from './shared.js';

const packages: readonly PackageMapping[] = [
  { original: 'aiohappyeyeballs==2.4.4', debian: deb('python3-aiohappyeyeballs', '2.6.1') },
  { original: 'aiohttp==3.11.10', debian: deb('python3-aiohttp', '3.11.16') },
  { original: 'aiosignal==1.3.2', debian: deb('python3-aiosignal', '1.3.2') },
  { original: 'attrs==24.3.0', debian: deb('python3-attr', '25.3.0') },
  { original: 'frozenlist==1.5.0', debian: deb('python3-frozenlist', '1.6.0') },
  { original: 'idna==3.10', debian: deb('python3-idna', '3.10') },
  { original: 'multidict==6.1.0', debian: deb('python3-multidict', '6.4.3') },
  { original: 'propcache==0.2.1', debian: deb('python3-propcache', '0.3.1') },
  { original: 'yarl==1.18.3', debian: deb('python3-yarl', '1.19.0') },
  { original: 'passlib==1.7.4', debian: deb('python3-passlib', '1.7.4') },
  { original: 'pyjwt==2.10.0', debian: deb('python3-jwt', '2.10.1') },
];

/** Python-aiohttp from Debian trixie: aiohttp 3.11.16 on Python 3.13. */
export const aiohttpDebian: FrameworkVariant = {
  variant: 'debian',
  frameworkId: 'Python-aiohttp',
  summary:
    "aiohttp 3.11.16 on Python 3.13 from Debian trixie packages, not the original's pins (aiohttp 3.11.10, Python 3.12)",
  base: withTag('debian', 'Python-aiohttp', {
    debianSuite: 'trixie',
    aptPackages: [...PYTHON_BASE_PACKAGES, ...debianNames(packages)],
    after: pythonAfter(
      [
        'aiohttp',
        'aiohappyeyeballs',
        'aiosignal',
        'attr',
        'frozenlist',
        'idna',
        'multidict',
        'propcache',
        'yarl',
        'passlib',
        'jwt',
      ],
      packages,
    ),
    env: PYTHON_ENV,
  }),
  steps: ['{{extra}}'],
  toolchain: PYTHON_TOOLCHAIN,
  packages,
  notes: ['Python 3.13 (Debian trixie) instead of 3.12; no pip, no Node.js'],
};
