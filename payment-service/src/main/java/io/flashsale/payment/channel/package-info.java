/** The channel SPI, the sandbox wallets' client, and routing by weight and health. */
package io.flashsale.payment.channel;
