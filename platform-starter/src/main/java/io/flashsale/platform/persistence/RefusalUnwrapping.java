package io.flashsale.platform.persistence;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;

import org.apache.ibatis.binding.MapperProxy;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Lets a {@link SqlRefused} leave a mapper as itself. MyBatis wraps whatever an
 * interceptor throws ({@code PersistenceException}, then Spring's
 * {@code MyBatisSystemException}), which the problem advice would answer as a 500; the
 * caller of a mapper gets the refusal, answered as 503 {@code degraded}.
 */
class RefusalUnwrapping implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!Proxy.isProxyClass(bean.getClass()) || !(Proxy.getInvocationHandler(bean) instanceof MapperProxy<?>)) {
			return bean;
		}
		// The mapper's own handler is called directly: reflection on the mapper method
		// would be refused for a package-private mapper interface.
		InvocationHandler mapper = Proxy.getInvocationHandler(bean);
		InvocationHandler unwrapping = (proxy, method, args) -> {
			try {
				return mapper.invoke(bean, method, args);
			}
			catch (Throwable ex) {
				for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
					if (cause instanceof SqlRefused refused) {
						throw refused;
					}
				}
				throw ex;
			}
		};
		return Proxy.newProxyInstance(bean.getClass().getClassLoader(), bean.getClass().getInterfaces(), unwrapping);
	}

}
