package io.flashsale.platform.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns {@link UnsafeConfiguration} into Boot's "APPLICATION FAILED TO START" report. */
class UnsafeConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeConfiguration> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnsafeConfiguration cause) {
		return new FailureAnalysis(cause.description(), cause.action(), cause);
	}

}
