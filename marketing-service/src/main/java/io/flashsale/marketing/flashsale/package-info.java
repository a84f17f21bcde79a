/**
 * Flash-sale campaigns: creating them with allocated stock, publishing and listing them.
 */
package io.flashsale.marketing.flashsale;
