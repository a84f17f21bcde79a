/**
 * The cap on request bodies, enforced before anything reads or forwards a body.
 */
package io.flashsale.gateway.bodylimit;
