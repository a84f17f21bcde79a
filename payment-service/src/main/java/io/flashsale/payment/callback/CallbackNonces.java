package io.flashsale.payment.callback;

import java.time.Instant;
import java.util.Optional;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/**
 * The nonces of applied callbacks, with the hash of the body each came in. A nonce is
 * {@link #record recorded} in the transaction of the change it authorised, so it exists
 * exactly when that change committed.
 */
@Mapper
interface CallbackNonces {

	/**
	 * @return the SHA-256 (hex) of the body the nonce was applied with, if it was
	 */
	@Select("SELECT body_sha256 FROM callback_nonces WHERE channel = #{channel} AND nonce = #{nonce}")
	Optional<String> bodyHash(@Param("channel") String channel, @Param("nonce") String nonce);

	/**
	 * Records a nonce. A concurrent delivery of the same nonce waits on the primary key
	 * until this transaction ends, then inserts (this one rolled back) or fails.
	 * @throws org.springframework.dao.DuplicateKeyException when the nonce is recorded
	 * already
	 */
	@Insert("INSERT INTO callback_nonces (channel, nonce, body_sha256, payment_id, recorded_at) "
			+ "VALUES (#{channel}, #{nonce}, #{bodySha256}, #{paymentId}, #{at})")
	void record(@Param("channel") String channel, @Param("nonce") String nonce, @Param("bodySha256") String bodySha256,
			@Param("paymentId") String paymentId, @Param("at") Instant at);

	/** Drops up to {@code limit} nonces recorded before {@code before}. */
	@Delete("DELETE FROM callback_nonces WHERE recorded_at < #{before} LIMIT #{limit}")
	int purge(@Param("before") Instant before, @Param("limit") int limit);

}
