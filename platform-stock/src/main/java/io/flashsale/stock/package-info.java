/** Redis stock counters of flash sales: the shared Lua scripts and their keys. */
package io.flashsale.stock;
