import { expect } from '@open-wc/testing';
import { safeUrl } from './url.js';
describe('smoke', () => { it('works', () => { expect(safeUrl('https://a.example/')).to.equal('https://a.example/'); }); });
