// 提出期限の一覧: marks the dates already past for the reader's today and folds the designation
// months that are over. The page is complete without it: the build marked what had passed on
// the day it computed the page (data-computed).
(function () {
  'use strict';
  var computed = document.querySelector('[data-computed]');
  if (!computed) return;
  var now = new Date();
  var pad = function (n) { return (n < 10 ? '0' : '') + n; };
  var today = now.getFullYear() + '-' + pad(now.getMonth() + 1) + '-' + pad(now.getDate());
  if (today <= computed.getAttribute('data-computed')) return;

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

  // Months whose designation day has come are over: fold them behind one button.
  var over = [];
  document.querySelectorAll('section.month[data-designation]').forEach(function (section) {
    if (section.getAttribute('data-designation') <= today) over.push(section);
  });
  var note = document.createElement('p');
  note.className = 'computed-today';
  note.textContent = "今日（" + now.getFullYear() + "年" + (now.getMonth() + 1) + "月" + now.getDate() + "日）の時点で過ぎた期限" + marked + "件にも「過ぎています」を付けました。";
  computed.insertAdjacentElement('afterend', note);
  if (over.length === 0) return;
  over.forEach(function (section) { section.hidden = true; });
  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'show-over';
  button.textContent = '指定日が過ぎた' + over.length + 'か月分を表示する';
  button.addEventListener('click', function () {
    over.forEach(function (section) { section.hidden = false; });
    button.remove();
  });
  note.insertAdjacentElement('afterend', button);
})();
