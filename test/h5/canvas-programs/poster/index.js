// A share poster as such pages draw it: a background image, a card, a round avatar clipped inside
// save/restore, a centred title, a paragraph wrapped by measureText (the widths asked before any draw),
// a code image and a caption; exported in the draw callback.
const POSTER = { width: 300, height: 460 };
const INTRO =
  'Bring the family to the weekend book fair: two floors of new and second-hand books, readings every hour, ' +
  '书展每天上午十点开门，凭海报入场 and a corner where children draw their own covers.';

Page({
  data: { posterPath: '' },

  onReady() {
    this.drawPoster();
  },

  drawPoster() {
    const ctx = wx.createCanvasContext('poster', this);
    ctx.drawImage('/images/background.png', 0, 0, POSTER.width, POSTER.height);

    ctx.setFillStyle('rgba(255, 255, 255, 0.92)');
    roundRect(ctx, 16, 120, 268, 320, 12);
    ctx.fill();

    ctx.save();
    ctx.beginPath();
    ctx.arc(150, 120, 36, 0, 2 * Math.PI);
    ctx.clip();
    ctx.drawImage('/images/avatar.png', 114, 84, 72, 72);
    ctx.restore();

    ctx.setFillStyle('#222222');
    ctx.setFontSize(20);
    ctx.setTextAlign('center');
    ctx.fillText('Weekend Book Fair', 150, 190);

    ctx.setTextAlign('left');
    ctx.setFontSize(14);
    ctx.setFillStyle('#555555');
    wrapText(ctx, INTRO, 236)
      .slice(0, 6)
      .forEach((line, i) => ctx.fillText(line, 32, 222 + i * 22));

    ctx.drawImage('/images/logo.png', 196, 352, 72, 72);
    ctx.setFontSize(12);
    ctx.setFillStyle('#999999');
    ctx.fillText('Long-press to join', 32, 396);

    ctx.draw(false, () => {
      wx.canvasToTempFilePath(
        {
          canvasId: 'poster',
          success: (res) => this.setData({ posterPath: res.tempFilePath }),
        },
        this,
      );
    });
  },
});

function roundRect(ctx, x, y, w, h, r) {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}

// Lines no wider than maxWidth, cut between characters (the text mixes Latin and Chinese).
function wrapText(ctx, text, maxWidth) {
  const lines = [];
  let line = '';
  for (const ch of text) {
    if (line && ctx.measureText(line + ch).width > maxWidth) {
      lines.push(line);
      line = ch.trim();
    } else line += ch;
  }
  if (line) lines.push(line);
  return lines;
}
