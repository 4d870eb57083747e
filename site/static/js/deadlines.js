// 提出期限の一覧: on the reader's today, marks the dates already past and folds the designation
// months that can no longer be kept (each month and each office group carries its last day,
// data-last-day, from the engine), and says which month is now the earliest. The page is
// complete without it: the build folded and marked what it could on the day it computed the
// page (data-computed). A link to a folded month opens the fold.
(function () {
  'use strict';
  var computed = document.querySelector('[data-computed]');
  if (!computed) return;

  // A link or address naming a folded month (#2027-01) opens the fold first.
  var openFor = function () {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var fold = target && target.closest('details.months-over');
    if (fold && !fold.open) {
      fold.open = true;
      target.scrollIntoView();
    }
  };
  window.addEventListener('hashchange', openFor);
  openFor();

  var now = new Date();
  var pad = function (n) { return (n < 10 ? '0' : '') + n; };
  var today = now.getFullYear() + '-' + pad(now.getMonth() + 1) + '-' + pad(now.getDate());
  if (today <= computed.getAttribute('data-computed')) return;
  var todayText = now.getFullYear() + '年' + (now.getMonth() + 1) + '月' + now.getDate() + '日';

  var marked = 0;
  document.querySelectorAll('.deadline-row time[datetime]').forEach(function (time) {
    var dd = time.parentNode;
    if (time.getAttribute('datetime') < today && !dd.querySelector('.flag-past')) {
      var flag = document.createElement('span');
      flag.className = 'flag flag-past';
      flag.textContent = '過ぎています';
      time.insertAdjacentElement('afterend', flag);
      marked += 1;
    }
  });
  var note = document.createElement('p');
  note.className = 'computed-today';
  note.textContent = '今日（' + todayText + '）の時点で過ぎた期限' + marked + '件にも「過ぎています」を付けました。';
  computed.insertAdjacentElement('afterend', note);

  // Months no office can keep any more go into the fold, in order.
  var kept = function (el) { var last = el.getAttribute('data-last-day'); return !last || today <= last; };
  var months = Array.prototype.slice.call(document.querySelectorAll('section.month[data-designation]'));
  var fold = document.querySelector('details.months-over');
  var moved = 0;
  for (var i = 0; i < months.length && !kept(months[i]); i++) {
    if (months[i].closest('details.months-over')) continue;
    if (!fold) {
      fold = document.createElement('details');
      fold.className = 'months-over';
      fold.appendChild(document.createElement('summary'));
      months[i].insertAdjacentElement('beforebegin', fold);
    }
    fold.appendChild(months[i]);
    moved += 1;
  }
  if (fold) {
    var count = fold.querySelectorAll('section.month').length;
    fold.querySelector('summary').textContent = todayText + 'の時点で間に合わない指定日（' + count + 'か月分）';
  }

  // The earliest month each office group can still keep (the groups are in the same order in
  // every month).
  var earliest = document.querySelector('.earliest');
  if (!earliest || moved === 0) return;
  var groups = months.length ? months[0].querySelectorAll('.deadline-card').length : 0;
  var firsts = [];
  for (var g = 0; g < groups; g++) {
    var found = null;
    for (var m = 0; m < months.length && !found; m++) {
      var card = months[m].querySelectorAll('.deadline-card')[g];
      if (card && kept(card)) found = months[m];
    }
    var heading = months[0].querySelectorAll('.deadline-card')[g].querySelector('h3');
    firsts.push({ offices: heading ? heading.textContent : '', month: found });
  }
  var link = function (month) {
    if (!month) return document.createTextNode('この表の中にありません');
    var a = document.createElement('a');
    a.href = '#' + month.id;
    a.textContent = month.querySelector('h2 time').textContent;
    return a;
  };
  earliest.textContent = '';
  var same = firsts.every(function (f) { return f.month === firsts[0].month; });
  if (same) {
    earliest.append(todayText + 'の時点で間に合う最も早い指定日は、', link(firsts[0].month), 'です。');
  } else {
    earliest.append(todayText + 'の時点で間に合う最も早い指定日は、事務所によって違います：');
    firsts.forEach(function (f, n) {
      earliest.append(f.offices + 'は', link(f.month), n + 1 < firsts.length ? '、' : '。');
    });
  }
})();
