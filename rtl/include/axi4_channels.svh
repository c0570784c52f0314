// Per-channel signal sets and the crossbar's port connections, so that every module that
// instantiates axi_xbar declares and wires its channels the same way.
// AXI4_CHANNEL_ARRAYS(stem, ax_t, b_t, r_t, n): n ports' worth of stem_aw, stem_aw_valid,
//   stem_aw_ready, stem_w, ..., stem_r_ready (payloads as unpacked arrays, valid/ready as
//   n-bit vectors), with the given AW/AR, B and R payload types.
// AXI4_XBAR_CONNECT(slv, mst): the port list of an axi_xbar instance whose master side is
//   the slv_* set and whose slave side is the mst_* set.
`ifndef AXI4_CHANNELS_SVH
`define AXI4_CHANNELS_SVH

`define AXI4_CHANNEL_ARRAYS(stem, ax_t, b_t, r_t, n)                          \
  ax_t               stem``_aw [n];                                           \
  logic [(n)-1:0]    stem``_aw_valid, stem``_aw_ready;                        \
  axi4_pkg::w_chan_t stem``_w [n];                                            \
  logic [(n)-1:0]    stem``_w_valid, stem``_w_ready;                          \
  b_t                stem``_b [n];                                            \
  logic [(n)-1:0]    stem``_b_valid, stem``_b_ready;                          \
  ax_t               stem``_ar [n];                                           \
  logic [(n)-1:0]    stem``_ar_valid, stem``_ar_ready;                        \
  r_t                stem``_r [n];                                            \
  logic [(n)-1:0]    stem``_r_valid, stem``_r_ready;

`define AXI4_XBAR_CONNECT(slv, mst)                                           \
    .slv_aw_i      (slv``_aw),                                                \
    .slv_aw_valid_i(slv``_aw_valid),                                          \
    .slv_aw_ready_o(slv``_aw_ready),                                          \
    .slv_w_i       (slv``_w),                                                 \
    .slv_w_valid_i (slv``_w_valid),                                           \
    .slv_w_ready_o (slv``_w_ready),                                           \
    .slv_b_o       (slv``_b),                                                 \
    .slv_b_valid_o (slv``_b_valid),                                           \
    .slv_b_ready_i (slv``_b_ready),                                           \
    .slv_ar_i      (slv``_ar),                                                \
    .slv_ar_valid_i(slv``_ar_valid),                                          \
    .slv_ar_ready_o(slv``_ar_ready),                                          \
    .slv_r_o       (slv``_r),                                                 \
    .slv_r_valid_o (slv``_r_valid),                                           \
    .slv_r_ready_i (slv``_r_ready),                                           \
    .mst_aw_o      (mst``_aw),                                                \
    .mst_aw_valid_o(mst``_aw_valid),                                          \
    .mst_aw_ready_i(mst``_aw_ready),                                          \
    .mst_w_o       (mst``_w),                                                 \
    .mst_w_valid_o (mst``_w_valid),                                           \
    .mst_w_ready_i (mst``_w_ready),                                           \
    .mst_b_i       (mst``_b),                                                 \
    .mst_b_valid_i (mst``_b_valid),                                           \
    .mst_b_ready_o (mst``_b_ready),                                           \
    .mst_ar_o      (mst``_ar),                                                \
    .mst_ar_valid_o(mst``_ar_valid),                                          \
    .mst_ar_ready_i(mst``_ar_ready),                                          \
    .mst_r_i       (mst``_r),                                                 \
    .mst_r_valid_i (mst``_r_valid),                                           \
    .mst_r_ready_o (mst``_r_ready)

`endif  // AXI4_CHANNELS_SVH
