package io.flashsale.order;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Select;

/** Test statements for the slow-SQL guard: one that takes 300 ms, one that does not. */
@Mapper
public interface SlowStatements {

	@Select("SELECT SLEEP(0.3)")
	int sleep();

	@Select("SELECT 1")
	int quick();

}
