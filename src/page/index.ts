// MAIN-world script (document_start, every frame of protected sites). Foundation step: announces
// itself; the upload gate adds the hooks window listeners cannot see.
document.documentElement.dataset.faceguardPage = 'ready';
