"""The page's style sheet and its one script (copy a citation, jump to a clause, scroll to it).

The script is plain JavaScript in <head>: Gradio sanitises message HTML (no inline handlers
survive), so clicks are caught once, at the document, by the classes the cards carry.
"""

CSS = """
.kb-answer {border-left: 4px solid #2563eb; background: #eff6ff; padding: 12px 16px; border-radius: 6px;
            font-size: 1.05rem; line-height: 1.7; margin-bottom: 14px; color: #111827;}
.kb-asked {color: #4b5563; font-size: 0.92rem; margin-bottom: 4px;}
.kb-answer.kb-refusal {border-color: #9ca3af; background: #f3f4f6;}
.kb-error {border-left: 4px solid #dc2626; background: #fef2f2; padding: 10px 14px; border-radius: 6px; color: #7f1d1d;}
.kb-note {color: #4b5563; margin: 4px 0 10px;}
.kb-card {border: 1px solid #e5e7eb; border-radius: 8px; padding: 12px 16px; margin: 10px 0; background: #fff;
          color: #111827;}
.kb-card .kb-title {font-weight: 600; font-size: 1.02rem;}
.kb-card .kb-n {color: #2563eb; margin-right: 6px;}
.kb-card .kb-meta, .kb-card .kb-path, .kb-card .kb-id {color: #6b7280; font-size: 0.86rem; margin-top: 2px;}
.kb-card .kb-text {margin-top: 8px; line-height: 1.75; white-space: pre-wrap;}
mark.kb-term {background: #fef08a; padding: 0 1px;}
mark.kb-num {background: #bbf7d0; font-weight: 600; padding: 0 1px;}
.kb-card details {margin-top: 8px;}
.kb-card summary {cursor: pointer; color: #2563eb; font-size: 0.9rem;}
.kb-ctx {border-left: 3px solid #e5e7eb; padding: 4px 10px; margin: 6px 0; color: #6b7280; white-space: pre-wrap;}
.kb-ctx.kb-self {border-color: #2563eb; color: #111827;}
.kb-doc h3 {margin: 0 0 4px;}
.kb-outline details {margin-left: 14px;}
.kb-outline summary {cursor: pointer; font-weight: 600; margin: 4px 0;}
.kb-clause {margin: 4px 0 4px 14px; white-space: pre-wrap; line-height: 1.6;}
.kb-clause code {color: #6b7280; font-size: 0.8rem;}
.kb-clause.kb-hl {background: #fef9c3; outline: 2px solid #f59e0b; border-radius: 4px; padding: 4px 6px;}
.kb-actions {margin-top: 8px; display: flex; gap: 14px; align-items: center;}
.kb-actions a.kb-goto {color: #2563eb; text-decoration: underline; font-size: 0.9rem;}
.kb-actions button.kb-copy {border: 1px solid #93c5fd; background: #eff6ff; color: #1d4ed8; border-radius: 4px;
                            padding: 1px 10px; font-size: 0.88rem; cursor: pointer;}
.kb-resolved {color: #92400e; background: #fffbeb; border-radius: 4px; padding: 2px 8px; margin-bottom: 6px;
              display: inline-block; font-size: 0.92rem;}
#ask-chat .bot .kb-asked {display: none;}
#ask-chat .message.bot, #ask-chat .bot .message-content {max-width: 100%; width: 100%;}
footer {display: none !important;}
.kb-cite-text {display: none;}
#ask-chat .top-panel {display: none;}
"""

# Clipboard: navigator.clipboard needs a secure context (http on a LAN address is not one), and
# in a secure one its promise may wait on a permission or on focus without end (a CI run of the
# browser test timed out so): hence the textarea + execCommand fallback, also after one second. A card link is a real deep link (?doc=…&clause=…):
# a plain click stays on the page and asks the server for the document through a hidden button;
# ctrl/middle click opens it in a new tab the ordinary way.
HEAD = """<script>
(() => {
  async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      // a clipboard write waiting on a permission or on focus may never settle: give it a second
      const wrote = navigator.clipboard.writeText(text).then(() => true, () => false);
      const late = new Promise((resolve) => setTimeout(() => resolve(false), 1000));
      if (await Promise.race([wrote, late])) return true;
    }
    const area = document.createElement('textarea');
    area.value = text; area.setAttribute('readonly', '');
    area.style.position = 'fixed'; area.style.opacity = '0';
    document.body.appendChild(area); area.select();
    let ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    area.remove();
    return ok;
  }
  window.kbShowClause = () => new Promise((resolve) => {
    let tries = 0;
    const step = () => {
      const el = document.querySelector('#doc-outline .kb-clause.kb-hl');
      if (el && el.offsetParent !== null) { el.scrollIntoView({block: 'center'}); resolve(true); }
      else if (++tries < 60) { setTimeout(step, 100); } else { resolve(false); }
    };
    step();
  });
  document.addEventListener('click', (event) => {
    const copy = event.target.closest && event.target.closest('button.kb-copy');
    if (copy) {
      event.preventDefault();
      const source = copy.parentElement.querySelector('.kb-cite-text');
      const text = source ? source.textContent : '';
      copyText(text).then((ok) => {
        window.kbLastCopied = ok ? text : null;
        copy.textContent = ok ? '已复制' : '复制失败，请手动选中文字复制';
        setTimeout(() => { copy.textContent = '复制引用'; }, 1500);
      });
      return;
    }
    const link = event.target.closest && event.target.closest('a.kb-goto');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    const params = new URL(link.href, location.href).searchParams;
    window.kbGoto = JSON.stringify({doc: params.get('doc'), clause: params.get('clause')});
    history.pushState(null, '', link.getAttribute('href'));
    const button = document.getElementById('kb-goto-button');
    if (button) button.click();
  }, true);
})();
</script>"""
