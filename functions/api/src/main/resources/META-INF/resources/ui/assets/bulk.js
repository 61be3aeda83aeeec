// Bulk Operations Center: "Select all" buttons, and the import drop zone. A dropped or chosen CSV goes
// straight to S3: the page asks for a presigned PUT (POST /ui/bulk/imports, with the page's own
// credentials from hx-headers), PUTs the file there with exactly the signed headers, then shows the
// operation's panel, which polls its progress.
(function () {
  function pageHeaders() {
    try { return JSON.parse(document.body.getAttribute('hx-headers') || '{}'); } catch (e) { return {}; }
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('button.select-all');
    if (!button) { return; }
    var boxes = document.querySelectorAll('#' + button.dataset.form + ' input[type=checkbox][name$="Id"]');
    var all = Array.prototype.every.call(boxes, function (b) { return b.checked; });
    boxes.forEach(function (b) { b.checked = !all; });
    button.textContent = all ? 'Select all' : 'Select none';
  });

  // Labels tab: "Fill empty rows" puts the batch's courier in the empty courier fields of the ticked rows (of
  // every row when none is ticked); typing a row's courier or AWB ticks it; a new attempt clears old errors.
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('button.fill-couriers');
    if (!button) { return; }
    var courier = document.getElementById('batch-courier').value.trim();
    if (!courier) { document.getElementById('batch-courier').focus(); return; }
    var rows = document.querySelectorAll('#' + button.dataset.form + ' li.parcel');
    var ticked = Array.prototype.filter.call(rows, function (row) { return row.querySelector('input[name=invoiceId]').checked; });
    (ticked.length ? ticked : Array.prototype.slice.call(rows)).forEach(function (row) {
      var input = row.querySelector('input[name^="courier-"]');
      if (!input.value.trim()) { input.value = courier; }
    });
  });
  document.addEventListener('input', function (event) {
    var row = event.target.closest && event.target.closest('li.parcel');
    if (!row || event.target.type === 'checkbox' || !event.target.value.trim()) { return; }
    row.querySelector('input[name=invoiceId]').checked = true;
  });
  document.addEventListener('htmx:beforeRequest', function (event) {
    if (event.detail.elt && event.detail.elt.id === 'labels-form') {
      event.detail.elt.querySelectorAll('.row-error').forEach(function (p) { p.textContent = ''; });
    }
  });

  var form = document.getElementById('import-form');
  if (!form) { return; }
  var zone = document.getElementById('drop-zone');
  var input = document.getElementById('import-file');
  var status = document.getElementById('import-status');
  var result = document.getElementById('import-result');
  var allowed = form.dataset.canSend === 'true';

  function say(text) { status.textContent = text; }

  function chosenType() {
    var checked = form.querySelector('input[name=type]:checked');
    return checked ? checked.value : 'CUSTOMERS';
  }

  function upload(file) {
    if (!allowed) { say('Your role cannot start imports.'); return; }
    if (!file) { return; }
    if (!/\.csv$/i.test(file.name) && file.type !== 'text/csv') {
      say(file.name + ' is not a CSV file; export the list as CSV and drop that.');
      return;
    }
    say('Starting the import of ' + file.name + '…');
    var headers = pageHeaders();
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    headers['HX-Request'] = 'true';   // errors come back as the page's alert fragment, a lost session as HX-Redirect
    fetch(form.dataset.start, {
      method: 'POST', headers: headers, credentials: 'same-origin',
      body: new URLSearchParams({ type: chosenType(), fileName: file.name })
    }).then(function (answer) {
      if (answer.headers.get('HX-Redirect')) {
        window.location.assign(answer.headers.get('HX-Redirect'));
        throw new Error('the session has ended; sign in again');
      }
      if (!answer.ok) {
        return answer.text().then(function (html) {
          result.innerHTML = html;
          throw new Error('the import could not be started (' + answer.status + ')');
        });
      }
      return answer.json();
    }).then(function (started) {
      say('Uploading ' + file.name + ' (' + Math.ceil(file.size / 1024) + ' KB)…');
      return fetch(started.uploadUrl, { method: started.uploadMethod || 'PUT', headers: started.uploadHeaders, body: file })
        .then(function (put) {
          if (!put.ok) { throw new Error('the upload was refused (' + put.status + ')'); }
          say(file.name + ' uploaded; its progress is shown below.');
          return htmx.ajax('GET', started.panelUrl, { target: '#import-result', swap: 'innerHTML' });
        });
    }).catch(function (error) {
      say('Import not started: ' + error.message + '.');
    }).finally(function () {
      input.value = '';
    });
  }

  input.addEventListener('change', function () { upload(input.files[0]); });
  ['dragenter', 'dragover'].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      if (allowed) { zone.classList.add('over'); }
    });
  });
  ['dragleave', 'drop'].forEach(function (name) {
    zone.addEventListener(name, function () { zone.classList.remove('over'); });
  });
  zone.addEventListener('drop', function (event) {
    event.preventDefault();
    var files = event.dataTransfer && event.dataTransfer.files;
    if (files && files.length > 1) { say('Drop one file at a time.'); return; }
    upload(files && files[0]);
  });
}());
