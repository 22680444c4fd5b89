import { describe, expect, it } from 'vitest';
import { exportSize } from './sizes';
import { finishSvg, pdfSafeText, stripExternalRefs } from './svg';

/** The shape of Plotly's toImage('svg') output, shortened. */
const plotlySvg =
  '<svg class="main-svg" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="336" height="252" style="" viewBox="0 0 336 252">' +
  '<rect x="0" y="0" width="336" height="252" style="fill: rgb(255, 255, 255); fill-opacity: 1;"/>' +
  '<defs><clipPath id="clip1"><rect width="300" height="200"/></clipPath></defs>' +
  '<g class="scatterlayer"><g class="trace scatter"><g class="points"><path class="point" d="M1,1h1"/><path class="point" d="M2,2h1"/></g></g></g>' +
  '<g class="heatmaplayer"><image xlink:href="data:image/png;base64,iVBORw0KGgo=" preserveAspectRatio="none"/></g>' +
  '<text style="font-family: &quot;Times New Roman&quot;, Times, serif;">&#160;1 &lt; 2</text></svg>';

describe('finishSvg', () => {
  const size = exportSize('single', 0.75);
  const out = finishSvg(plotlySvg, size, { title: 'residual-norms', desc: 'G_block(i) = ||resid_post(i)|| / ||resid_pre(i)|| for "a<b>" & more' });

  it('states the physical size in inches over a CSS-pixel viewBox', () => {
    const root = /<svg[^>]*>/.exec(out)![0];
    expect(root).toContain('width="3.5in"');
    expect(root).toContain('height="2.625in"');
    expect(root).toContain('viewBox="0 0 336 252"');
    expect(root.match(/\swidth=/g)).toHaveLength(1);
    expect(root).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(out.startsWith('<?xml version="1.0" encoding="UTF-8"')).toBe(true);
  });

  it('carries title and caption escaped, and keeps every drawn element', () => {
    expect(out).toContain('<title>residual-norms</title>');
    expect(out).toContain('<desc>G_block(i) = ||resid_post(i)|| / ||resid_pre(i)|| for &quot;a&lt;b&gt;&quot; &amp; more</desc>');
    expect(out.match(/class="point"/g)).toHaveLength(2);
    expect(out).toContain('xlink:href="data:image/png;base64,');
    expect(out).toContain('clip1');
  });

  it('adds size and namespaces to a bare <svg>', () => {
    const bare = finishSvg('<svg><rect/></svg>', size, { title: 't', desc: 'd' });
    expect(bare).toMatch(/<svg viewBox="0 0 336 252" height="2.625in" width="3.5in" xmlns:xlink="http:\/\/www.w3.org\/1999\/xlink" xmlns="http:\/\/www.w3.org\/2000\/svg">/);
    expect(() => finishSvg('<html/>', size, { title: 't', desc: 'd' })).toThrow(/not an SVG/);
  });
});

describe('stripExternalRefs', () => {
  it('drops links, url()s and imports that leave the file; keeps data: and #fragment references', () => {
    const s = stripExternalRefs(
      `<image xlink:href="https://x.org/a.png"/><image href='//cdn/b.png'/><a href="file:///etc"/>` +
        `<style>@import url(https://fonts/x.css); .a{fill:url(#g)} .b{background:url('http://x/y.png')}</style>` +
        `<image xlink:href="data:image/png;base64,AAA"/><use href="#m"/>`,
    );
    expect(s).not.toMatch(/https?:|\/\/cdn|file:|@import/);
    expect(s).toContain('url(#g)');
    expect(s).toContain('data:image/png;base64,AAA');
    expect(s).toContain('href="#m"');
  });
});

describe('pdfSafeText', () => {
  it('keeps Latin-1, spells out known symbols and names the rest by code point', () => {
    expect(pdfSafeText('\u22120.5 × 2 ≈ 1')).toBe('-0.5 × 2 ~ 1');
    expect(pdfSafeText('‖h‖ "▁time" é')).toBe('||h|| "_time" é');
    expect(pdfSafeText('猫')).toBe('U+732B');
    expect(pdfSafeText('😀')).toBe('U+1F600');
  });
});
