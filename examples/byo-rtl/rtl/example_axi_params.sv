// AXI4 widths of the example designs, declared as compilation-unit parameters (this house
// style keeps no package): compile this file first. sailsim's models take MAST's data width
// (256 bits) and any address width up to 48 bits and any ID width.
parameter int unsigned AXI_ADDR_W = 48;
parameter int unsigned AXI_DATA_W = 256;
parameter int unsigned AXI_STRB_W = AXI_DATA_W / 8;
parameter int unsigned AXI_ID_W   = 6;
