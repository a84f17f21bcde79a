package io.flashsale.inventory.sku;

import java.util.Optional;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * The {@code sku} table. Stock only ever changes through {@link #take}, a conditional
 * update, so it cannot go negative whatever runs concurrently.
 */
@Mapper
public interface Skus {

	@Insert("""
			INSERT INTO sku (name, stock, shop_id, list_price_minor, currency, created_at)
			VALUES (#{name}, #{stock}, #{shopId}, #{listPriceMinor}, #{currency}, #{createdAt})""")
	@Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
	void insert(NewSku sku);

	@Select("SELECT id, name, stock, shop_id, list_price_minor, currency FROM sku WHERE id = #{id}")
	Optional<Sku> find(long id);

	@Select("SELECT COUNT(*) > 0 FROM sku WHERE id = #{id}")
	boolean exists(long id);

	/**
	 * Takes units off a SKU's stock if it has that many. The row lock this takes also
	 * serialises concurrent allocations of one SKU.
	 * @param id the SKU
	 * @param quantity units to take, positive
	 * @return 1 if taken, 0 if the SKU is unknown or has fewer units
	 */
	@Update("UPDATE sku SET stock = stock - #{quantity} WHERE id = #{id} AND stock >= #{quantity}")
	int take(@Param("id") long id, @Param("quantity") int quantity);

}
