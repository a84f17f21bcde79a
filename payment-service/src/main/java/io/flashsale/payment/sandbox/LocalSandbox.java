package io.flashsale.payment.sandbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.flashsale.platform.security.LocalProfile;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Profile;

/**
 * A bean of the sandbox wallets, which exist only in the {@code local} profile (and there
 * unless {@code flashsale.payment.sandbox.enabled=false}): anyone may pay, fail or settle
 * any trade through them, so a deployment never has them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Profile(LocalProfile.NAME)
@ConditionalOnBooleanProperty(name = "flashsale.payment.sandbox.enabled", matchIfMissing = true)
@interface LocalSandbox {

}
