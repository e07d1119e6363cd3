import * as sc from '/work/main/src/domain/self-check.ts';
console.log(sc.parseSelfCheckForm({ about: 'partner', ios: '9', 'safe-to-share': '3', support: '7', risk: '' }));
const st = Object.fromEntries(sc.STATEMENT_IDS.map(id => [id, '4']));
const p = sc.parseSelfCheckForm({ about: 'friend', ios: '2', ...st, hurt: 'yes' });
console.log(p);
if (p.success) console.log(JSON.stringify(sc.scoreSelfCheck(p.answers), null, 1));
for (let n=1;n<=7;n++) console.log(sc.iosGeometry(n));
