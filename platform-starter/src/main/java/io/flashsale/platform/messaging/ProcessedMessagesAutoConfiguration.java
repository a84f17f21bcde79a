package io.flashsale.platform.messaging;

import org.apache.ibatis.session.SqlSessionFactory;
import org.mybatis.spring.SqlSessionTemplate;
import org.mybatis.spring.boot.autoconfigure.ConfigurationCustomizer;
import org.mybatis.spring.boot.autoconfigure.MybatisAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Exposes {@link ProcessedMessages} to services that use MyBatis. The mapper is added to
 * the MyBatis configuration rather than registered as a mapper factory bean, which would
 * stop MyBatis from scanning the service's own mappers.
 */
@AutoConfiguration(after = MybatisAutoConfiguration.class)
@ConditionalOnClass({ SqlSessionFactory.class, ConfigurationCustomizer.class })
public class ProcessedMessagesAutoConfiguration {

	@Bean
	ConfigurationCustomizer processedMessagesMapper() {
		return (configuration) -> configuration.addMapper(ProcessedMessages.class);
	}

	@Bean
	@ConditionalOnBean(SqlSessionTemplate.class)
	ProcessedMessages processedMessages(SqlSessionTemplate sessions) {
		return sessions.getMapper(ProcessedMessages.class);
	}

}
