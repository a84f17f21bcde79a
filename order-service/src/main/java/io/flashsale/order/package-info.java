/**
 * Flash-sale purchases and the order lifecycle.
 */
package io.flashsale.order;
