document.addEventListener('DOMContentLoaded', () => { document.body.textContent = 'hi'; });
