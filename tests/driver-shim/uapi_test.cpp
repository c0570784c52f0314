// The Spanker UAPI pinned: every ioctl number as a literal, every struct's size and every
// field's offset, the v0.1 part exactly as contracts.md section 3 has it. A change here is
// an ABI break for the Spanker runtime (Rust #[repr(C)] mirrors).
#include <gtest/gtest.h>

#include <cstddef>

#include "sailsim/shim/device.hpp"
#include "spanker_ioctl.h"

namespace {

TEST(Uapi, V01IsTheKernelDriversAbi) {
  EXPECT_EQ(SPANKER_IOC_MAGIC, 0xE3);
  EXPECT_EQ(SPANKER_IOC_PING, 0x0000E301ul);         // _IO(0xE3, 0x01)
  EXPECT_EQ(SPANKER_IOC_GET_VERSION, 0x8008E302ul);  // _IOR(0xE3, 0x02, 8 bytes)
  EXPECT_EQ(sizeof(spanker_version), 8u);
  EXPECT_EQ(offsetof(spanker_version, major), 0u);
  EXPECT_EQ(offsetof(spanker_version, minor), 2u);
  EXPECT_EQ(offsetof(spanker_version, patch), 4u);
  EXPECT_EQ(offsetof(spanker_version, reserved), 6u);
}

// Spanker's header names: the guard, and the version macros (sailsim's ABI: 0.2.0).
TEST(Uapi, AbiVersionIs02) {
#ifndef _UAPI_LINUX_SPANKER_IOCTL_H
  ADD_FAILURE() << "Spanker's include guard _UAPI_LINUX_SPANKER_IOCTL_H is not defined";
#endif
  EXPECT_EQ(SPANKER_ABI_VERSION_MAJOR, 0);
  EXPECT_EQ(SPANKER_ABI_VERSION_MINOR, 2);
  EXPECT_EQ(SPANKER_ABI_VERSION_PATCH, 0);
  // sailsim's earlier names are aliases.
  EXPECT_EQ(SPANKER_ABI_MAJOR, SPANKER_ABI_VERSION_MAJOR);
  EXPECT_EQ(SPANKER_ABI_MINOR, SPANKER_ABI_VERSION_MINOR);
  EXPECT_EQ(SPANKER_ABI_PATCH, SPANKER_ABI_VERSION_PATCH);
}

// The macros say what GET_VERSION reports by default ("ABI version reported by
// SPANKER_IOC_GET_VERSION" in Spanker's header).
TEST(Uapi, AbiVersionIsWhatGetVersionReports) {
  sailsim::shim::Device dev;
  spanker_version v{9, 9, 9, 9};
  ASSERT_EQ(dev.ioctl(SPANKER_IOC_GET_VERSION, &v), 0);
  EXPECT_EQ(v.major, SPANKER_ABI_VERSION_MAJOR);
  EXPECT_EQ(v.minor, SPANKER_ABI_VERSION_MINOR);
  EXPECT_EQ(v.patch, SPANKER_ABI_VERSION_PATCH);
  EXPECT_EQ(v.reserved, 0);
}

TEST(Uapi, V02Numbers) {
  EXPECT_EQ(SPANKER_IOC_WORK_SUBMIT, 0xC050E303ul);    // _IOWR, 80 bytes (72 before b_f32_bytes)
  EXPECT_EQ(SPANKER_IOC_WAIT, 0xC020E304ul);           // _IOWR, 32 bytes
  EXPECT_EQ(SPANKER_IOC_MEM_ALLOC, 0xC018E305ul);      // _IOWR, 24 bytes
  EXPECT_EQ(SPANKER_IOC_MEM_FREE, 0x4008E306ul);       // _IOW, 8 bytes
  EXPECT_EQ(SPANKER_IOC_MEM_WRITE, 0x4018E307ul);      // _IOW, 24 bytes
  EXPECT_EQ(SPANKER_IOC_MEM_READ, 0x4018E308ul);       // _IOW, 24 bytes
  EXPECT_EQ(SPANKER_IOC_MEM_COPY, 0x4018E309ul);       // _IOW, 24 bytes
  EXPECT_EQ(SPANKER_IOC_BAR_INFO, 0x8038E30Aul);       // _IOR, 56 bytes
  EXPECT_EQ(SPANKER_IOC_GET_TELEMETRY, 0x8040E30Bul);  // _IOR, 64 bytes
}

TEST(Uapi, WorkFlags) {
  EXPECT_EQ(SPANKER_WORK_FUSED, 1u);
  EXPECT_EQ(SPANKER_WORK_B_F32, 2u);
  EXPECT_EQ(SPANKER_WORK_FLAGS, 3u);
}

TEST(Uapi, WorkSubmitLayout) {
  EXPECT_EQ(sizeof(spanker_work_submit), 80u);
  EXPECT_EQ(offsetof(spanker_work_submit, a), 0u);
  EXPECT_EQ(offsetof(spanker_work_submit, b), 8u);
  EXPECT_EQ(offsetof(spanker_work_submit, out), 16u);
  EXPECT_EQ(offsetof(spanker_work_submit, m), 24u);
  EXPECT_EQ(offsetof(spanker_work_submit, k), 28u);
  EXPECT_EQ(offsetof(spanker_work_submit, n), 32u);
  EXPECT_EQ(offsetof(spanker_work_submit, a_stride), 36u);
  EXPECT_EQ(offsetof(spanker_work_submit, b_stride), 40u);
  EXPECT_EQ(offsetof(spanker_work_submit, out_stride), 44u);
  EXPECT_EQ(offsetof(spanker_work_submit, flags), 48u);
  EXPECT_EQ(offsetof(spanker_work_submit, tag), 52u);
  EXPECT_EQ(offsetof(spanker_work_submit, b_f32), 56u);
  EXPECT_EQ(offsetof(spanker_work_submit, b_f32_bytes), 64u);
  EXPECT_EQ(offsetof(spanker_work_submit, job), 72u);
}

TEST(Uapi, WaitLayout) {
  EXPECT_EQ(sizeof(spanker_wait), 32u);
  EXPECT_EQ(offsetof(spanker_wait, job), 0u);
  EXPECT_EQ(offsetof(spanker_wait, timeout_ns), 8u);
  EXPECT_EQ(offsetof(spanker_wait, status), 16u);
  EXPECT_EQ(offsetof(spanker_wait, tag), 20u);
  EXPECT_EQ(offsetof(spanker_wait, cycles), 24u);
}

TEST(Uapi, MemLayouts) {
  EXPECT_EQ(sizeof(spanker_mem_alloc), 24u);
  EXPECT_EQ(offsetof(spanker_mem_alloc, size), 0u);
  EXPECT_EQ(offsetof(spanker_mem_alloc, align), 8u);
  EXPECT_EQ(offsetof(spanker_mem_alloc, addr), 16u);
  EXPECT_EQ(sizeof(spanker_mem_free), 8u);
  EXPECT_EQ(offsetof(spanker_mem_free, addr), 0u);
  EXPECT_EQ(sizeof(spanker_mem_xfer), 24u);
  EXPECT_EQ(offsetof(spanker_mem_xfer, addr), 0u);
  EXPECT_EQ(offsetof(spanker_mem_xfer, host), 8u);
  EXPECT_EQ(offsetof(spanker_mem_xfer, size), 16u);
  EXPECT_EQ(sizeof(spanker_mem_copy), 24u);
  EXPECT_EQ(offsetof(spanker_mem_copy, dst), 0u);
  EXPECT_EQ(offsetof(spanker_mem_copy, src), 8u);
  EXPECT_EQ(offsetof(spanker_mem_copy, size), 16u);
}

TEST(Uapi, BarInfoLayout) {
  EXPECT_EQ(sizeof(spanker_bar_info), 56u);
  EXPECT_EQ(offsetof(spanker_bar_info, ctrl_base), 0u);
  EXPECT_EQ(offsetof(spanker_bar_info, ctrl_size), 8u);
  EXPECT_EQ(offsetof(spanker_bar_info, queue_addr), 16u);
  EXPECT_EQ(offsetof(spanker_bar_info, ddr_base), 24u);
  EXPECT_EQ(offsetof(spanker_bar_info, ddr_size), 32u);
  EXPECT_EQ(offsetof(spanker_bar_info, lanes), 40u);
  EXPECT_EQ(offsetof(spanker_bar_info, queue_depth), 44u);
  EXPECT_EQ(offsetof(spanker_bar_info, max_k), 48u);
  EXPECT_EQ(offsetof(spanker_bar_info, reserved), 52u);
}

TEST(Uapi, TelemetryLayout) {
  EXPECT_EQ(sizeof(spanker_telemetry), 64u);
  EXPECT_EQ(offsetof(spanker_telemetry, busy_cycles), 0u);
  EXPECT_EQ(offsetof(spanker_telemetry, bytes_read), 8u);
  EXPECT_EQ(offsetof(spanker_telemetry, bytes_written), 16u);
  EXPECT_EQ(offsetof(spanker_telemetry, read_stall_cycles), 24u);
  EXPECT_EQ(offsetof(spanker_telemetry, jobs_done), 32u);
  EXPECT_EQ(offsetof(spanker_telemetry, jobs_failed), 40u);
  EXPECT_EQ(offsetof(spanker_telemetry, cycle), 48u);
  EXPECT_EQ(offsetof(spanker_telemetry, queue_rejects), 56u);
}

}  // namespace
