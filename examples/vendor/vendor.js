// The vendor's own script (a file, as its CSP forbids inline scripts): it keeps the portal's
// view and task in the address bar, and lists the widget's events beside it.
const portal = document.querySelector('customer-portal');
const log = document.getElementById('events');

const [view, task] = location.hash.slice(1).split('/');
if (view) portal.setAttribute('view', view);
if (task) portal.setAttribute('task', task);

const describe = {
  'cp-ready': (d) => `ready: ${d.user.name}${d.customer ? ` at ${d.customer.name}` : ''}`,
  'cp-navigate': (d) => `navigate: ${d.view}${d.task ? ` · ${d.task}` : ''}`,
  'cp-task-change': (d) => `task ${d.source === 'live' ? 'changed live' : 'changed'}: ${d.task.title} (${d.task.status})`,
  'cp-error': (d) => `error ${d.status}: ${d.code}`,
};

for (const [name, text] of Object.entries(describe)) {
  portal.addEventListener(name, (event) => {
    const item = document.createElement('li');
    item.textContent = text(event.detail);
    log.prepend(item);
    while (log.children.length > 12) log.lastElementChild.remove();
    if (name === 'cp-navigate') history.replaceState(null, '', `#${event.detail.view}${event.detail.task ? `/${event.detail.task}` : ''}`);
  });
}
