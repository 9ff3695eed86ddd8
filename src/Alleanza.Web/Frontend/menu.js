// The only Bootstrap Italia behaviour the pages use: the header's collapsible menu on phones
// (data-bs-toggle="navbarcollapsible": focus trap, Esc closes, aria-expanded, backdrop). Bundled by build.mjs.
import NavBarCollapsible from 'bootstrap-italia/dist/plugins/navbar-collapsible.js';

export { NavBarCollapsible };
