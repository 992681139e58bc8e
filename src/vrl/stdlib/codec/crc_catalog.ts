/**
 * CRC parameter sets (the public "reveng" catalogue, as the Rust `crc` crate names them): width, polynomial,
 * initial register, input/output reflection, final XOR, and the check value (CRC of "123456789").
 */
export interface CrcParams {
  readonly width: number;
  readonly poly: bigint;
  readonly init: bigint;
  readonly refin: boolean;
  readonly refout: boolean;
  readonly xorout: bigint;
  readonly check: bigint;
}

// name width poly init ref(in,out: "tt" "ff" "ft") xorout check
const TABLE = `
CRC_3_GSM 3 3 0 ff 7 4
CRC_3_ROHC 3 3 7 tt 0 6
CRC_4_G_704 4 3 0 tt 0 7
CRC_4_INTERLAKEN 4 3 f ff f b
CRC_5_EPC_C1G2 5 09 09 ff 0 0
CRC_5_G_704 5 15 0 tt 0 07
CRC_5_USB 5 05 1f tt 1f 19
CRC_6_CDMA2000_A 6 27 3f ff 0 0d
CRC_6_CDMA2000_B 6 07 3f ff 0 3b
CRC_6_DARC 6 19 0 tt 0 26
CRC_6_GSM 6 2f 0 ff 3f 13
CRC_6_G_704 6 03 0 tt 0 06
CRC_7_MMC 7 09 0 ff 0 75
CRC_7_ROHC 7 4f 7f tt 0 53
CRC_7_UMTS 7 45 0 ff 0 61
CRC_8_AUTOSAR 8 2f ff ff ff df
CRC_8_BLUETOOTH 8 a7 0 tt 0 26
CRC_8_CDMA2000 8 9b ff ff 0 da
CRC_8_DARC 8 39 0 tt 0 15
CRC_8_DVB_S2 8 d5 0 ff 0 bc
CRC_8_GSM_A 8 1d 0 ff 0 37
CRC_8_GSM_B 8 49 0 ff ff 94
CRC_8_HITAG 8 1d ff ff 0 b4
CRC_8_I_432_1 8 07 0 ff 55 a1
CRC_8_I_CODE 8 1d fd ff 0 7e
CRC_8_LTE 8 9b 0 ff 0 ea
CRC_8_MAXIM_DOW 8 31 0 tt 0 a1
CRC_8_MIFARE_MAD 8 1d c7 ff 0 99
CRC_8_NRSC_5 8 31 ff ff 0 f7
CRC_8_OPENSAFETY 8 2f 0 ff 0 3e
CRC_8_ROHC 8 07 ff tt 0 d0
CRC_8_SAE_J1850 8 1d ff ff ff 4b
CRC_8_SMBUS 8 07 0 ff 0 f4
CRC_8_TECH_3250 8 1d ff tt 0 97
CRC_8_WCDMA 8 9b 0 tt 0 25
CRC_10_ATM 10 233 0 ff 0 199
CRC_10_CDMA2000 10 3d9 3ff ff 0 233
CRC_10_GSM 10 175 0 ff 3ff 12a
CRC_11_FLEXRAY 11 385 01a ff 0 5a3
CRC_11_UMTS 11 307 0 ff 0 061
CRC_12_CDMA2000 12 f13 fff ff 0 d4d
CRC_12_DECT 12 80f 0 ff 0 f5b
CRC_12_GSM 12 d31 0 ff fff b34
CRC_12_UMTS 12 80f 0 ft 0 daf
CRC_13_BBC 13 1cf5 0 ff 0 04fa
CRC_14_DARC 14 0805 0 tt 0 082d
CRC_14_GSM 14 202d 0 ff 3fff 30ae
CRC_15_CAN 15 4599 0 ff 0 059e
CRC_15_MPT1327 15 6815 0 ff 1 2566
CRC_16_ARC 16 8005 0 tt 0 bb3d
CRC_16_CDMA2000 16 c867 ffff ff 0 4c06
CRC_16_CMS 16 8005 ffff ff 0 aee7
CRC_16_DDS_110 16 8005 800d ff 0 9ecf
CRC_16_DECT_R 16 0589 0 ff 1 007e
CRC_16_DECT_X 16 0589 0 ff 0 007f
CRC_16_DNP 16 3d65 0 tt ffff ea82
CRC_16_EN_13757 16 3d65 0 ff ffff c2b7
CRC_16_GENIBUS 16 1021 ffff ff ffff d64e
CRC_16_GSM 16 1021 0 ff ffff ce3c
CRC_16_IBM_3740 16 1021 ffff ff 0 29b1
CRC_16_IBM_SDLC 16 1021 ffff tt ffff 906e
CRC_16_ISO_IEC_14443_3_A 16 1021 c6c6 tt 0 bf05
CRC_16_KERMIT 16 1021 0 tt 0 2189
CRC_16_LJ1200 16 6f63 0 ff 0 bdf4
CRC_16_M17 16 5935 ffff ff 0 772b
CRC_16_MAXIM_DOW 16 8005 0 tt ffff 44c2
CRC_16_MCRF4XX 16 1021 ffff tt 0 6f91
CRC_16_MODBUS 16 8005 ffff tt 0 4b37
CRC_16_NRSC_5 16 080b ffff tt 0 a066
CRC_16_OPENSAFETY_A 16 5935 0 ff 0 5d38
CRC_16_OPENSAFETY_B 16 755b 0 ff 0 20fe
CRC_16_PROFIBUS 16 1dcf ffff ff ffff a819
CRC_16_RIELLO 16 1021 b2aa tt 0 63d0
CRC_16_SPI_FUJITSU 16 1021 1d0f ff 0 e5cc
CRC_16_T10_DIF 16 8bb7 0 ff 0 d0db
CRC_16_TELEDISK 16 a097 0 ff 0 0fb3
CRC_16_TMS37157 16 1021 89ec tt 0 26b1
CRC_16_UMTS 16 8005 0 ff 0 fee8
CRC_16_USB 16 8005 ffff tt ffff b4c8
CRC_16_XMODEM 16 1021 0 ff 0 31c3
CRC_17_CAN_FD 17 1685b 0 ff 0 04f03
CRC_21_CAN_FD 21 102899 0 ff 0 0ed841
CRC_24_BLE 24 00065b 555555 tt 0 c25a56
CRC_24_FLEXRAY_A 24 5d6dcb fedcba ff 0 7979bd
CRC_24_FLEXRAY_B 24 5d6dcb abcdef ff 0 1f23b8
CRC_24_INTERLAKEN 24 328b63 ffffff ff ffffff b4f3e6
CRC_24_LTE_A 24 864cfb 0 ff 0 cde703
CRC_24_LTE_B 24 800063 0 ff 0 23ef52
CRC_24_OPENPGP 24 864cfb b704ce ff 0 21cf02
CRC_24_OS_9 24 800063 ffffff ff ffffff 200fa5
CRC_30_CDMA 30 2030b9c7 3fffffff ff 3fffffff 04c34abf
CRC_31_PHILIPS 31 04c11db7 7fffffff ff 7fffffff 0ce9e46c
CRC_32_AIXM 32 814141ab 0 ff 0 3010bf7f
CRC_32_AUTOSAR 32 f4acfb13 ffffffff tt ffffffff 1697d06a
CRC_32_BASE91_D 32 a833982b ffffffff tt ffffffff 87315576
CRC_32_BZIP2 32 04c11db7 ffffffff ff ffffffff fc891918
CRC_32_CD_ROM_EDC 32 8001801b 0 tt 0 6ec2edc4
CRC_32_CKSUM 32 04c11db7 0 ff ffffffff 765e7680
CRC_32_ISCSI 32 1edc6f41 ffffffff tt ffffffff e3069283
CRC_32_ISO_HDLC 32 04c11db7 ffffffff tt ffffffff cbf43926
CRC_32_JAMCRC 32 04c11db7 ffffffff tt 0 340bc6d9
CRC_32_MEF 32 741b8cd7 ffffffff tt 0 d2c22f51
CRC_32_MPEG_2 32 04c11db7 ffffffff ff 0 0376e6e7
CRC_32_XFER 32 000000af 0 ff 0 bd0be338
CRC_40_GSM 40 0004820009 0 ff ffffffffff d4164fc646
CRC_64_ECMA_182 64 42f0e1eba9ea3693 0 ff 0 6c40df5f0b497347
CRC_64_GO_ISO 64 1b ffffffffffffffff tt ffffffffffffffff b90956c775a41001
CRC_64_MS 64 259c84cba6426349 ffffffffffffffff tt 0 75d4b74f024eceea
CRC_64_REDIS 64 ad93d23594c935a9 0 tt 0 e9c6d914c4b8d9ca
CRC_64_WE 64 42f0e1eba9ea3693 ffffffffffffffff ff ffffffffffffffff 62ec59e3f1a4f00a
CRC_64_XZ 64 42f0e1eba9ea3693 ffffffffffffffff tt ffffffffffffffff 995dc9bbdf1939fa
CRC_82_DARC 82 0308c0111011401440411 0 tt 0 09ea83f625023801fd612
`;

export const CRC_CATALOG: ReadonlyMap<string, CrcParams> = new Map(
  TABLE.trim()
    .split('\n')
    .map((line) => {
      const [name, width, poly, init, ref, xorout, check] = line.split(' ') as [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      const params: CrcParams = {
        width: Number(width),
        poly: BigInt(`0x${poly}`),
        init: BigInt(`0x${init}`),
        refin: ref[0] === 't',
        refout: ref[1] === 't',
        xorout: BigInt(`0x${xorout}`),
        check: BigInt(`0x${check}`),
      };
      return [name, params] as const;
    }),
);
